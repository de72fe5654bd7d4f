package dev.tollgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body's content type names what the body is; a wildcard ({@code *}{@code /*}) names nothing, and Spring refuses to
 * read a body under one with an exception no handler expects. It is a 415 here, before any endpoint runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ContentTypeFilter extends OncePerRequestFilter {

    private final ApiErrorWriter errors;

    ContentTypeFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request.getRequestURI()) || request.getContentType() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isWildcard(request.getContentType())) {
            errors.write(
                    request,
                    response,
                    ApiError.unsupportedMediaType(
                            "The request body's content type is a wildcard; send application/json (or"
                                    + " multipart/form-data where an endpoint takes uploads)."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String contentType) {
        try {
            return MediaType.parseMediaType(contentType).isWildcardType();
        } catch (InvalidMediaTypeException unparsable) {
            // left to the endpoint, which refuses it as an unsupported content type
            return false;
        }
    }
}
