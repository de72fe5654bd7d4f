package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Failures of the HTTP request itself (a body that is not the declared type or cannot be parsed, a broken multipart
 * form, a method or content type the endpoint does not take, a query that is not valid UTF-8) answered once for every
 * API and media URL, in the caller's dialect. It also answers what fails before any endpoint is chosen, which the
 * modules' own exception handlers never see; their domain errors stay theirs.
 */
@Component
class RequestErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RequestErrorResolver.class);

    private final ApiErrorWriter errors;

    RequestErrorResolver(ApiErrorWriter errors) {
        this.errors = errors;
    }

    /** Before the exception handlers of the modules, after Spring Boot's recording of the failure. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public @Nullable ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, @Nullable Object handler, Exception failure) {
        if (!ApiPaths.answersInJson(request.getRequestURI())) {
            return null;
        }
        ApiError error = errorFor(request, failure);
        if (error == null) {
            if (handler != null) {
                return null;
            }
            log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), failure);
            error = ApiError.internal();
        }
        if (response.isCommitted()) {
            // e.g. a broken chunked body: the container has already taken over the answer and reports it itself
            return new ModelAndView();
        }
        if (failure instanceof HttpRequestMethodNotSupportedException method) {
            Set<HttpMethod> allowed = method.getSupportedHttpMethods();
            if (allowed != null) {
                response.setHeader(
                        HttpHeaders.ALLOW,
                        allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", ")));
            }
        }
        try {
            errors.write(request, response, error);
        } catch (IOException e) {
            log.debug("Could not write the error for {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        return new ModelAndView();
    }

    private static @Nullable ApiError errorFor(HttpServletRequest request, Exception failure) {
        return switch (failure) {
            case MaxUploadSizeExceededException e -> uploadTooLarge(e);
            case MultipartException e -> multipart(e);
            case HttpMediaTypeNotSupportedException e -> unsupported(e);
            case HttpMediaTypeNotAcceptableException e -> ApiError.forStatus(HttpServletResponse.SC_NOT_ACCEPTABLE);
            case HttpRequestMethodNotSupportedException e ->
                ApiError.methodNotAllowed(request.getMethod(), request.getRequestURI());
            case HttpMessageNotReadableException e ->
                causedBy(e, BodyTooLargeException.class)
                        ? RequestSizeFilter.tooLarge()
                        : ApiError.invalidRequest("The request body is not valid JSON for this endpoint.", null);
            case MethodArgumentTypeMismatchException e ->
                ApiError.invalidRequest(
                        "The parameter '" + e.getName() + "' has a value of the wrong type.", e.getName());
            case MissingServletRequestParameterException e ->
                ApiError.invalidRequest(
                        "The parameter '" + e.getParameterName() + "' is required.", e.getParameterName());
            case ServletRequestBindingException e -> ApiError.invalidRequest("The request is incomplete.", null);
            case InvalidParameterException e -> undecodableParameters(e);
            case RequestRejectedException e -> RejectedRequestHandler.errorFor(request, e);
            case NoResourceFoundException e -> ApiError.forStatus(HttpServletResponse.SC_NOT_FOUND);
            default -> null;
        };
    }

    private static ApiError uploadTooLarge(MaxUploadSizeExceededException e) {
        return ApiError.tooLarge("The upload is too large: each file may be up to 20 MB and a request up to 100 MB.");
    }

    /** A form the container could not split into parts: too many of them, or not a well-formed body. */
    private static ApiError multipart(MultipartException e) {
        InvalidParameterException refused = cause(e, InvalidParameterException.class);
        if (refused != null && refused.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
            return ApiError.tooLarge("The form has more parts than the server accepts.");
        }
        return ApiError.invalidRequest(
                "The multipart/form-data body could not be read: it needs a boundary, and every part must be complete"
                        + " and well-formed.",
                null);
    }

    private static ApiError unsupported(HttpMediaTypeNotSupportedException e) {
        String supported = e.getSupportedMediaTypes().stream()
                .map(MediaType::toString)
                .distinct()
                .collect(Collectors.joining(" or "));
        return ApiError.unsupportedMediaType(
                supported.isEmpty()
                        ? "The request body's content type is not supported here."
                        : "The request body's content type is not supported here; send " + supported + ".");
    }

    /** The container refuses a query or form it cannot decode; it never says which value in words we can echo. */
    private static ApiError undecodableParameters(InvalidParameterException e) {
        if (e.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
            return ApiError.tooLarge("The request has more parameters or form parts than the server accepts.");
        }
        return ApiError.invalidRequest(
                "The query string or form body is not valid: use percent-encoded UTF-8 (%XX with two hex digits).",
                null);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type) != null;
    }

    private static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
