package dev.tollgate.gateway;

import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import dev.tollgate.web.ApiPaths;
import java.util.List;
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
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** The public API's own security: stateless, key-authenticated, no sessions, cookies or CSRF. */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    /** Browser SDKs send these; a wildcard would not cover Authorization under the Fetch spec. */
    private static final List<String> ALLOWED_HEADERS = List.of(
            "authorization",
            "content-type",
            "x-api-key",
            "anthropic-version",
            "anthropic-beta",
            "anthropic-dangerous-direct-browser-access",
            "openai-organization",
            "openai-project",
            "x-stainless-lang",
            "x-stainless-package-version",
            "x-stainless-os",
            "x-stainless-arch",
            "x-stainless-runtime",
            "x-stainless-runtime-version",
            "x-stainless-retry-count",
            "x-stainless-timeout",
            "x-stainless-read-timeout",
            "x-stainless-async",
            "x-stainless-helper-method",
            "x-stainless-helper",
            "x-stainless-os-version",
            "x-stainless-kotlin-version");

    @Bean
    @Order(1)
    SecurityFilterChain publicApiSecurity(
            HttpSecurity http,
            ApiKeyService keys,
            ApiErrorWriter errors,
            ObjectProvider<SecurityContextHolderStrategy> contexts)
            throws Exception {
        return http.securityMatcher(ApiPaths.PUBLIC)
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(corsConfiguration()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(
                                keys, errors, contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) ->
                                errors.write(request, response, ApiError.unauthorized("No API key provided.")))
                        .accessDeniedHandler((request, response, e) -> errors.write(
                                request, response, ApiError.forbidden("permission_denied", e.getMessage()))))
                .build();
    }

    private static UrlBasedCorsConfigurationSource corsConfiguration() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.addAllowedOriginPattern("*");
        cors.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(ALLOWED_HEADERS);
        cors.setExposedHeaders(List.of("x-request-id", "request-id", "retry-after"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : ApiPaths.PUBLIC) {
            source.registerCorsConfiguration(path, cors);
        }
        return source;
    }
}
