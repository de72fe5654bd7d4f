package dev.tollgate.portal;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.tollgate.portal.login.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Everything that is not an API: the portal's form sign-in and session, plus the public health endpoint. */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    @Bean
    @Order(10)
    SecurityFilterChain portalSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/icons/**",
                                "/styles.css",
                                "/charts/**",
                                "/_static/**",
                                "/error")
                        .permitAll())
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }
}
