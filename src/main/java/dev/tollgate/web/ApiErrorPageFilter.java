package dev.tollgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The container's error dispatch for API and media URLs: a status set with {@code sendError} (a method the connector
 * refuses, a body it cannot read) or an exception that escaped every handler is answered with the API's JSON error in
 * the caller's dialect, instead of the framework's default error body. (The container has already logged any such
 * exception.)
 */
class ApiErrorPageFilter extends OncePerRequestFilter {

    private final ApiErrorWriter errors;

    ApiErrorPageFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path
                && ApiPaths.answersInJson(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (response.isCommitted()) {
            return;
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                ? code
                : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        errors.write(request, response, ApiError.forStatus(status));
    }
}
