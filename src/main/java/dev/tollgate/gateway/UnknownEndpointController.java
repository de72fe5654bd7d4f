package dev.tollgate.gateway;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Paths under the API prefixes that nothing serves: a JSON 404, not the portal's "page not found". */
@RestController
class UnknownEndpointController {

    @RequestMapping({"/v1/**", "/api/v1/**"})
    void unknown(HttpServletRequest request) {
        throw new ApiException(ApiError.notFound(
                "unknown_endpoint", "Unknown endpoint: " + request.getMethod() + " " + request.getRequestURI()));
    }
}
