package dev.tollgate.admin;

import dev.tollgate.account.PlatformRoles;
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

/** Admits admin API calls that carry {@code Authorization: Bearer <master key>}, as a platform admin. */
final class MasterKeyFilter extends OncePerRequestFilter {

    static final String ACTOR = "admin-api";

    private final @Nullable BearerToken masterKey;
    private final ApiErrorWriter errors;
    private final SecurityContextHolderStrategy contexts;

    MasterKeyFilter(AdminApiProperties properties, ApiErrorWriter errors, SecurityContextHolderStrategy contexts) {
        this.masterKey = properties.bearerToken();
        this.errors = errors;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (masterKey == null) {
            errors.write(
                    request,
                    response,
                    ApiError.unauthorized("The admin API is disabled. Set TOLLGATE_MASTER_KEY to enable it."));
            return;
        }
        if (!masterKey.matches(request)) {
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
}
