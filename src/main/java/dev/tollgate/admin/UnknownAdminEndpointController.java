package dev.tollgate.admin;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UnknownAdminEndpointController {

    @RequestMapping("/admin/v1/**")
    void unknown(HttpServletRequest request) {
        throw new ApiException(ApiError.notFound(
                "unknown_endpoint", "Unknown endpoint: " + request.getMethod() + " " + request.getRequestURI()));
    }
}
