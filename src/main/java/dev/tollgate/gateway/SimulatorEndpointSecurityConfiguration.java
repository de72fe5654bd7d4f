package dev.tollgate.gateway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** Opens the benchmark-only simulator endpoint when it is switched on; it does not exist otherwise. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("tollgate.simulator.http-endpoint")
class SimulatorEndpointSecurityConfiguration {

    @Bean
    @Order(3)
    SecurityFilterChain simulatorEndpointSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/simulator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
