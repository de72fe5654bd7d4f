package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * URLs the security firewall refuses (an empty path segment such as {@code /teams//usage}, {@code ..}, a stray
 * semicolon) get the same JSON error as any other bad request, not the container's default error page.
 */
@Component
class RejectedRequestHandler implements RequestRejectedHandler {

    private final ApiErrorWriter errors;

    RejectedRequestHandler(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        errors.write(
                request,
                response,
                ApiError.invalidRequest(
                        "The request URL is malformed (an empty path segment, '..' or a character URLs may not "
                                + "carry); check the path",
                        null));
    }
}
