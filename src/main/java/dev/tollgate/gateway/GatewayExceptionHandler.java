package dev.tollgate.gateway;

import dev.tollgate.calls.CallRefusedException;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import dev.tollgate.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure below a public endpoint, answered in the caller's dialect; never a stack trace. Failures of the HTTP
 * request itself (body, form, method, content type) are answered before this by the web module's resolver.
 */
@RestControllerAdvice(basePackageClasses = GatewayExceptionHandler.class)
class GatewayExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayExceptionHandler.class);

    private final ApiErrorWriter errors;

    GatewayExceptionHandler(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(HttpServletRequest request, ApiException e) {
        return errors.entity(request, e);
    }

    @ExceptionHandler(CallRefusedException.class)
    ResponseEntity<Map<String, Object>> refused(HttpServletRequest request, CallRefusedException e) {
        return errors.entity(request, RefusalErrors.of(e.refusal()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(HttpServletRequest request, Exception e) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return errors.entity(request, ApiError.internal());
    }
}
