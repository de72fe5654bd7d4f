package dev.tollgate.web;

import dev.tollgate.caller.Dialect;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Renders an {@link ApiError} in the caller's dialect, from a controller advice or straight from a filter. */
@Component
public class ApiErrorWriter {

    private final JsonMapper json;

    public ApiErrorWriter(JsonMapper json) {
        this.json = json;
    }

    public ResponseEntity<Map<String, Object>> entity(HttpServletRequest request, ApiError error) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(request, error));
    }

    public ResponseEntity<Map<String, Object>> entity(HttpServletRequest request, ApiException exception) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(exception.error().status()).contentType(MediaType.APPLICATION_JSON);
        if (exception.retryAfterSeconds() != null) {
            response.header("retry-after", Long.toString(exception.retryAfterSeconds()));
        }
        return response.body(body(request, exception.error()));
    }

    /** The error body alone, for an error that happens after a stream has started. */
    public Map<String, Object> body(Dialect dialect, ApiError error, String requestId) {
        return DialectErrors.body(dialect, error, requestId);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body(request, error));
    }

    private Map<String, Object> body(HttpServletRequest request, ApiError error) {
        return DialectErrors.body(DialectErrors.of(request), error, RequestIds.of(request));
    }
}
