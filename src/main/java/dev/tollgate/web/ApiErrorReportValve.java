package dev.tollgate.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.http.MimeHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container's last word on requests it refuses before the application sees them: a path with a NUL, a backslash or
 * a broken {@code %} escape, a header line with a control character or a bare carriage return, an oversized header, an
 * unknown transfer coding. For API and media URLs that is the API's JSON error in the caller's dialect, with a 4xx (a
 * refused credential header is a 401, as a wrong key is), and so it is for a request line too broken to name a path;
 * for the portal it is the container's plain page, without a stack trace or the server's name.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    /** Headers that carry a credential: a malformed one is an authentication failure. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "x-api-key");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        // a request line the connector could not read leaves no path: a browser never sends one, so it gets JSON too
        String path = request.getRequestURI();
        if (path != null && !path.isEmpty() && !ApiPaths.answersInJson(path)) {
            super.report(request, response, throwable);
            return;
        }
        path = path == null ? "" : path;
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ApiError error = errorFor(request, response.getStatus());
        String requestId = RequestIds.of(request);
        try {
            response.setStatus(error.status().value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("x-request-id", requestId);
            response.setHeader("request-id", requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(
                        DialectErrors.body(DialectErrors.of(path, anthropicVersionSent(request)), error, requestId)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written any more; nothing to tell anyone
        }
    }

    private static ApiError errorFor(Request request, int status) {
        String refusedHeader = refusedHeader(request);
        if (refusedHeader != null && CREDENTIAL_HEADERS.contains(refusedHeader)) {
            return ApiError.unauthorized("Incorrect API key provided: the " + refusedHeader
                    + " header holds a character HTTP headers may not carry (a control character or a line break).");
        }
        if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
            // an unknown Transfer-Encoding: the caller's mistake, and SDKs retry every 5xx
            return ApiError.invalidRequest(
                    "The request's Transfer-Encoding is not supported; send the body with Content-Length or chunked.",
                    null);
        }
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
            return ApiError.invalidRequest("Send the request as HTTP/1.1 or HTTP/2.", null);
        }
        if (status == HttpStatus.BAD_REQUEST.value()) {
            return ApiError.invalidRequest(
                    "The request is malformed: its URL (a NUL, a backslash, a '%' not followed by two hex digits, more"
                            + " bytes than the server accepts) or its framing (a header line with a control character"
                            + " or a line break, a bad Content-Length or Transfer-Encoding, too many header bytes).",
                    refusedHeader);
        }
        return ApiError.forStatus(status);
    }

    /**
     * The header line the connector refused, by name: it is kept among the parsed headers, but its value never is.
     * Null when no header was refused.
     */
    private static @Nullable String refusedHeader(Request request) {
        MimeHeaders headers = request.getCoyoteRequest().getMimeHeaders();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.getValue(i).isNull()) {
                return headers.getName(i).toString().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static boolean anthropicVersionSent(Request request) {
        return request.getCoyoteRequest().getMimeHeaders().getHeader("anthropic-version") != null;
    }
}
