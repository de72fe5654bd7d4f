package dev.tollgate.observability;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** {@code /actuator/prometheus} answers only to the metrics token; {@code /actuator/health} stays the portal's, open. */
@Configuration(proxyBeanMethods = false)
class MetricsSecurityConfiguration {

    static final String PROMETHEUS = "/actuator/prometheus";

    @Bean
    @Order(5)
    SecurityFilterChain metricsSecurity(
            HttpSecurity http,
            MetricsProperties properties,
            ApiErrorWriter errors,
            ObjectProvider<SecurityContextHolderStrategy> contexts)
            throws Exception {
        return http.securityMatcher(PROMETHEUS, PROMETHEUS + "/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .addFilterBefore(
                        new MetricsTokenFilter(
                                properties,
                                errors,
                                contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(MetricsTokenFilter.AUTHORITY))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) ->
                        errors.write(request, response, ApiError.unauthorized("Missing or incorrect metrics token."))))
                .build();
    }
}
