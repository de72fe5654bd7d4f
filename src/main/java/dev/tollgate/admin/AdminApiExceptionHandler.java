package dev.tollgate.admin;

import dev.tollgate.account.AccountRuleException;
import dev.tollgate.account.TeamNotFoundException;
import dev.tollgate.apikey.ApiKeyNotFoundException;
import dev.tollgate.apikey.InvalidApiKeyRequestException;
import dev.tollgate.catalog.ModelAliasNotFoundException;
import dev.tollgate.catalog.ModelAliasRefusedException;
import dev.tollgate.provider.channel.ChannelNotFoundException;
import dev.tollgate.provider.channel.InvalidChannelException;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import dev.tollgate.web.ApiException;
import dev.tollgate.webhook.InvalidWebhookException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Admin API failures as clean JSON 4xx bodies (OpenAI error shape), never a 500 for a caller's mistake. Failures of the
 * HTTP request itself (body, method, content type) are answered before this by the web module's resolver.
 */
@RestControllerAdvice(basePackageClasses = AdminApiExceptionHandler.class)
class AdminApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminApiExceptionHandler.class);

    private final ApiErrorWriter errors;

    AdminApiExceptionHandler(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @ExceptionHandler({
        TeamNotFoundException.class,
        ApiKeyNotFoundException.class,
        ChannelNotFoundException.class,
        ModelAliasNotFoundException.class
    })
    ResponseEntity<Map<String, Object>> notFound(HttpServletRequest request, RuntimeException e) {
        return errors.entity(request, ApiError.notFound("not_found", e.getMessage()));
    }

    /** A team or member rule; the field to blame is named where there is one. */
    @ExceptionHandler(AccountRuleException.class)
    ResponseEntity<Map<String, Object>> accountRule(HttpServletRequest request, AccountRuleException e) {
        return errors.entity(request, ApiError.invalidRequest(e.getMessage(), e.field()));
    }

    /** A key rule; the field to blame is named where there is one. */
    @ExceptionHandler(InvalidApiKeyRequestException.class)
    ResponseEntity<Map<String, Object>> keyRule(HttpServletRequest request, InvalidApiKeyRequestException e) {
        return errors.entity(request, ApiError.invalidRequest(e.getMessage(), e.field()));
    }

    /** Every domain rule (amounts, names, expiry, models) is an IllegalArgumentException with a readable message. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> invalid(HttpServletRequest request, IllegalArgumentException e) {
        return errors.entity(request, ApiError.invalidRequest(e.getMessage(), null));
    }

    /** A name already taken, by a model or another alias, is a conflict; an alias aimed nowhere is a bad request. */
    @ExceptionHandler(ModelAliasRefusedException.class)
    ResponseEntity<Map<String, Object>> aliasRefused(HttpServletRequest request, ModelAliasRefusedException e) {
        ApiError error = e.isConflict()
                ? new ApiError(HttpStatus.CONFLICT, "invalid_request_error", "alias_taken", e.getMessage(), "alias")
                : ApiError.invalidRequest(e.getMessage(), null);
        return errors.entity(request, error);
    }

    @ExceptionHandler(InvalidChannelException.class)
    ResponseEntity<Map<String, Object>> invalidChannel(HttpServletRequest request, InvalidChannelException e) {
        return errors.entity(request, ApiError.invalidRequest(e.getMessage(), null));
    }

    @ExceptionHandler(InvalidWebhookException.class)
    ResponseEntity<Map<String, Object>> invalidWebhook(HttpServletRequest request, InvalidWebhookException e) {
        return errors.entity(request, ApiError.invalidRequest(e.getMessage(), "url"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(HttpServletRequest request, AccessDeniedException e) {
        return errors.entity(request, ApiError.forbidden("permission_denied", e.getMessage()));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(HttpServletRequest request, ApiException e) {
        return errors.entity(request, e.error());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(HttpServletRequest request, Exception e) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return errors.entity(request, ApiError.internal());
    }
}
