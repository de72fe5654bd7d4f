package dev.tollgate.provider.http;

import dev.tollgate.provider.UpstreamException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code text/event-stream} body event by event: {@code event:} and {@code data:} lines up to a blank line.
 * Comments and {@code id:}/{@code retry:} fields are skipped. A broken connection ends the iteration with a retryable
 * {@link UpstreamException}.
 */
public final class ServerSentEvents implements Iterator<ServerSentEvents.Event>, AutoCloseable {

    /** One event: its name ({@code message} when the stream gave none) and its data lines joined by newlines. */
    public record Event(String name, String data) {}

    private final InputStream body;
    private final BufferedReader reader;
    private @Nullable Event next;
    private boolean ended;

    public ServerSentEvents(InputStream body) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = read();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Event event = next;
        next = null;
        return event;
    }

    private @Nullable Event read() {
        String name = null;
        StringBuilder data = null;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Event(name == null ? "message" : name, data.toString());
                    }
                    name = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (field.equals("event")) {
                    name = value;
                } else if (field.equals("data")) {
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
            }
            return data == null ? null : new Event(name == null ? "message" : name, data.toString());
        } catch (IOException e) {
            throw new UpstreamException("The upstream's stream broke off: " + e.getMessage(), true, e);
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // the connection is being dropped anyway
        }
    }
}
