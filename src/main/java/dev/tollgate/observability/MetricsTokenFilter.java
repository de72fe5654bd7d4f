package dev.tollgate.observability;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits scrapes that carry {@code Authorization: Bearer <metrics token>}, compared in constant time. The token opens
 * the metrics and nothing else, so a Prometheus configuration never holds a key that can change anything.
 */
final class MetricsTokenFilter extends OncePerRequestFilter {

    static final String SCRAPER = "metrics-scraper";
    static final String AUTHORITY = "METRICS_SCRAPE";
    private static final String BEARER = "Bearer ";

    private final MetricsProperties properties;
    private final ApiErrorWriter errors;
    private final SecurityContextHolderStrategy contexts;

    MetricsTokenFilter(MetricsProperties properties, ApiErrorWriter errors, SecurityContextHolderStrategy contexts) {
        this.properties = properties;
        this.errors = errors;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String expected = properties.token();
        if (expected == null) {
            errors.write(
                    request,
                    response,
                    ApiError.unauthorized("Metrics are disabled. Set TOLLGATE_METRICS_TOKEN to enable them."));
            return;
        }
        if (!presents(expected, authorization(request))) {
            errors.write(
                    request,
                    response,
                    ApiError.unauthorized(
                            "Missing or incorrect metrics token. Send \"Authorization: Bearer <metrics token>\"."));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                SCRAPER, null, List.of(new SimpleGrantedAuthority(AUTHORITY))));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static @Nullable String authorization(HttpServletRequest request) {
        try {
            return request.getHeader(HttpHeaders.AUTHORIZATION);
        } catch (RequestRejectedException unreadable) {
            return null;
        }
    }

    private static boolean presents(String expected, @Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected.getBytes(StandardCharsets.UTF_8));
    }
}
