package dev.tollgate.admin;

import dev.tollgate.account.PlatformRoles;
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

/** Admits admin API calls that carry {@code Authorization: Bearer <master key>}, as a platform admin. */
final class MasterKeyFilter extends OncePerRequestFilter {

    static final String ACTOR = "admin-api";
    private static final String BEARER = "Bearer ";

    private final AdminApiProperties properties;
    private final ApiErrorWriter errors;
    private final SecurityContextHolderStrategy contexts;

    MasterKeyFilter(AdminApiProperties properties, ApiErrorWriter errors, SecurityContextHolderStrategy contexts) {
        this.properties = properties;
        this.errors = errors;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!properties.enabled()) {
            errors.write(
                    request,
                    response,
                    ApiError.unauthorized("The admin API is disabled. Set TOLLGATE_MASTER_KEY to enable it."));
            return;
        }
        if (!presentsMasterKey(authorization(request))) {
            errors.write(
                    request,
                    response,
                    ApiError.unauthorized(
                            "Missing or incorrect master key. Send \"Authorization: Bearer <master key>\"."));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                ACTOR, null, List.of(new SimpleGrantedAuthority(PlatformRoles.PLATFORM_ADMIN_AUTHORITY))));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }

    /** The Authorization header, or null when the security firewall refuses to hand out a value it does not allow. */
    private static @Nullable String authorization(HttpServletRequest request) {
        try {
            return request.getHeader(HttpHeaders.AUTHORIZATION);
        } catch (RequestRejectedException unreadable) {
            // the refusal quotes the whole value: a malformed key is only an incorrect one
            return null;
        }
    }

    private boolean presentsMasterKey(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        byte[] expected = properties.masterKey().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected);
    }
}
