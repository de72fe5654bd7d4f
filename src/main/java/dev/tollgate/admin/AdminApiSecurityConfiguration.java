package dev.tollgate.admin;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import dev.tollgate.web.ApiPaths;
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

@Configuration(proxyBeanMethods = false)
class AdminApiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain adminApiSecurity(
            HttpSecurity http,
            AdminApiProperties properties,
            ApiErrorWriter errors,
            ObjectProvider<SecurityContextHolderStrategy> contexts)
            throws Exception {
        return http.securityMatcher(ApiPaths.ADMIN)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .addFilterBefore(
                        new MasterKeyFilter(
                                properties,
                                errors,
                                contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> errors.write(
                                request, response, ApiError.unauthorized("Missing or incorrect master key.")))
                        .accessDeniedHandler((request, response, e) -> errors.write(
                                request, response, ApiError.forbidden("permission_denied", e.getMessage()))))
                .build();
    }
}
