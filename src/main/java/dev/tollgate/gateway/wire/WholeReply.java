package dev.tollgate.gateway.wire;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** A non-streamed reply: the whole body as JSON, the way both SDK families read it. */
public final class WholeReply {

    private WholeReply() {}

    public static void write(HttpServletResponse response, JsonMapper json, Object body) throws IOException {
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
