package dev.tollgate.gateway;

import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.KeyRejectedException;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests by their {@code vai-} key: {@code Authorization: Bearer …}, or {@code x-api-key} as the
 * Anthropic SDKs send it. A refused key ends the request here with a 401 in the caller's dialect.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private static final String BEARER = "Bearer ";

    private final ApiKeyService keys;
    private final ApiErrorWriter errors;
    private final SecurityContextHolderStrategy contexts;

    ApiKeyAuthenticationFilter(ApiKeyService keys, ApiErrorWriter errors, SecurityContextHolderStrategy contexts) {
        this.keys = keys;
        this.errors = errors;
        this.contexts = contexts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            ApiKeyAuthentication authentication = new ApiKeyAuthentication(keys.authenticate(presentedKey(request)));
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(authentication);
            contexts.setContext(context);
        } catch (KeyRejectedException rejected) {
            errors.write(request, response, ApiError.unauthorized(rejected.getMessage()));
            return;
        } catch (RuntimeException failure) {
            // e.g. the database is unreachable: answer in the API's format rather than with the portal's error page
            log.error("Could not authenticate an API key", failure);
            errors.write(request, response, ApiError.unavailable());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    private static @Nullable String presentedKey(HttpServletRequest request) {
        try {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return authorization.substring(BEARER.length()).strip();
            }
            return request.getHeader("x-api-key");
        } catch (RequestRejectedException unreadable) {
            // a byte no header may carry (a key pasted with a curly quote); the refusal quotes the whole value
            throw new KeyRejectedException(KeyRejectedException.Reason.MALFORMED);
        }
    }
}
