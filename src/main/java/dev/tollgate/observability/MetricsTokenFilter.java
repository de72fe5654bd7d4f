package dev.tollgate.observability;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import dev.tollgate.web.BearerToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits scrapes that carry {@code Authorization: Bearer <metrics token>}, compared in constant time. The token opens
 * the metrics and nothing else, so a Prometheus configuration never holds a key that can change anything.
 */
final class MetricsTokenFilter extends OncePerRequestFilter {

    static final String SCRAPER = "metrics-scraper";
    static final String AUTHORITY = "METRICS_SCRAPE";

    private final @Nullable BearerToken token;
    private final ApiErrorWriter errors;
    private final SecurityContextHolderStrategy contexts;

    MetricsTokenFilter(MetricsProperties properties, ApiErrorWriter errors, SecurityContextHolderStrategy contexts) {
        this.token = properties.bearerToken();
        this.errors = errors;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token == null) {
            errors.write(
                    request,
                    response,
                    ApiError.unauthorized("Metrics are disabled. Set TOLLGATE_METRICS_TOKEN to enable them."));
            return;
        }
        if (!token.matches(request)) {
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
}
