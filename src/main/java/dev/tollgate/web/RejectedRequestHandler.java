package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * URLs the security firewall refuses (an empty path segment such as {@code /teams//usage}, {@code ..}, a stray
 * semicolon), methods it does not know (405) and header values it will not hand out (control characters) get the same
 * JSON error as any other bad request on the APIs, and the plain error page on the portal. The refusal's own message quotes the offending value,
 * which may be a credential, so it is never passed on.
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
        if (ApiPaths.answersInJson(request.getRequestURI())) {
            errors.write(request, response, errorFor(request, rejected));
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    static ApiError errorFor(HttpServletRequest request, RequestRejectedException rejected) {
        String reason = String.valueOf(rejected.getMessage());
        if (reason.contains("HTTP method")) {
            return ApiError.methodNotAllowed(request.getMethod(), request.getRequestURI());
        }
        if (reason.contains("header")) {
            return ApiError.invalidRequest(
                    "A request header holds a character HTTP headers may not carry (a control character or a"
                            + " stray non-ASCII byte); check the headers.",
                    null);
        }
        return ApiError.invalidRequest(
                "The request URL is malformed (an empty path segment, '..' or a character URLs may not carry); check"
                        + " the path",
                null);
    }
}
