package dev.tollgate.gateway;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import dev.tollgate.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/** Every failure below a public endpoint, answered in the caller's dialect; never a stack trace. */
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

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpServletRequest request, HttpMessageNotReadableException e) {
        return errors.entity(
                request, ApiError.invalidRequest("The request body is not valid JSON for this endpoint.", null));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, Object>> badParameter(HttpServletRequest request, Exception e) {
        return errors.entity(request, ApiError.invalidRequest(e.getMessage(), null));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpServletRequest request, HttpMediaTypeNotSupportedException e) {
        return errors.entity(request, ApiError.invalidRequest("Unsupported content type: " + e.getContentType(), null));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(HttpServletRequest request, MaxUploadSizeExceededException e) {
        return errors.entity(
                request,
                new ApiError(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "invalid_request_error",
                        "request_too_large",
                        "The upload is too large: each image may be up to 20 MB and a request up to 100 MB.",
                        null));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> badMultipart(HttpServletRequest request, MultipartException e) {
        return errors.entity(request, ApiError.invalidRequest("The multipart/form-data body could not be read.", null));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpServletRequest request, HttpRequestMethodNotSupportedException e) {
        return errors.entity(
                request,
                new ApiError(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "invalid_request_error",
                        "method_not_allowed",
                        request.getMethod() + " is not supported on " + request.getRequestURI(),
                        null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(HttpServletRequest request, Exception e) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return errors.entity(request, ApiError.internal());
    }
}
