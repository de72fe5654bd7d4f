package dev.tollgate.gateway.wire;

import dev.tollgate.calls.CallRefusedException;
import dev.tollgate.calls.ClientDisconnectedException;
import dev.tollgate.gateway.RefusalErrors;
import dev.tollgate.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent events written to the response and sent on {@link #flush()}, so that events the upstream sent together
 * leave in one write; the first event (with the status and headers) and an error after it are sent at once. A failed
 * write or flush means the client left: it surfaces as {@link ClientDisconnectedException} so the pipeline stops the
 * upstream and charges what was sent.
 */
public final class SseStream {

    private static final byte[] DATA_FIELD = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private final JsonMapper json;
    private @Nullable OutputStream out;
    private boolean unsent;

    public SseStream(HttpServletResponse response, JsonMapper json) {
        this.response = response;
        this.json = json;
    }

    /** An event with a name line (Anthropic dispatches on it). */
    public void event(String name, Object payload) {
        write("event: " + name + "\ndata: " + json.writeValueAsString(payload) + "\n\n");
    }

    /** A data-only event (OpenAI never uses event names). */
    public void data(Object payload) {
        write("data: " + json.writeValueAsString(payload) + "\n\n");
    }

    /**
     * A data-only event whose JSON is already encoded as UTF-8, for events streamed so often that serialising a map
     * for each would cost more than the rest of their path.
     */
    public void encodedData(byte[] json) {
        write(DATA_FIELD, json, EVENT_END);
    }

    public void raw(String dataLine) {
        write("data: " + dataLine + "\n\n");
    }

    /** Sends what was written since the last flush. */
    public void flush() {
        if (out == null || !unsent) {
            return;
        }
        try {
            out.flush();
            unsent = false;
        } catch (IOException e) {
            throw new ClientDisconnectedException(e);
        }
    }

    private void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[]... parts) {
        boolean first = out == null;
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("text/event-stream");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                out = response.getOutputStream();
            }
            for (byte[] part : parts) {
                out.write(part);
            }
            unsent = true;
        } catch (IOException e) {
            throw new ClientDisconnectedException(e);
        }
        if (first) {
            // the caller learns at once that the reply has begun
            flush();
        }
    }

    public boolean started() {
        return out != null;
    }

    /**
     * Runs a streamed reply. A refusal before the first event is thrown as usual (a normal error response); one after
     * the 200 has gone out is reported inside the stream by {@code inStream}, as the SDKs expect.
     */
    public void run(Runnable reply, Consumer<ApiException> inStream) {
        try {
            reply.run();
        } catch (CallRefusedException refused) {
            fail(RefusalErrors.of(refused.refusal()), inStream);
        } catch (ApiException failure) {
            fail(failure, inStream);
        }
    }

    private void fail(ApiException failure, Consumer<ApiException> inStream) {
        if (!started()) {
            throw failure;
        }
        inStream.accept(failure);
        flush();
    }
}
