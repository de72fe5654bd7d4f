package dev.tollgate.media;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Media URLs are capabilities: whoever has the unguessable link may fetch it (an SDK, an {@code <img>} tag, a
 * colleague), with no session or key, as with the upstream providers' own result URLs.
 */
@Configuration(proxyBeanMethods = false)
class MediaSecurityConfiguration {

    @Bean
    @Order(4)
    SecurityFilterChain mediaSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/media/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
