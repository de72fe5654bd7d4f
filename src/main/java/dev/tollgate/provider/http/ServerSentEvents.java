package dev.tollgate.provider.http;

import dev.tollgate.provider.UpstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code text/event-stream} body event by event: {@code event:} and {@code data:} lines up to a blank line.
 * Comments and {@code id:}/{@code retry:} fields are skipped. A broken connection ends the iteration with a retryable
 * {@link UpstreamException}. The body is buffered here rather than in a reader so that {@link #nextBuffered()} can
 * tell, without waiting, whether a whole event has already arrived.
 */
public final class ServerSentEvents implements Iterator<ServerSentEvents.Event>, AutoCloseable {

    /** One event: its name ({@code message} when the stream gave none) and its data lines joined by newlines. */
    public record Event(String name, String data) {}

    /**
     * The buffer's first size: a few events. The HTTP client buffers the connection's bytes itself, so a small one costs
     * only copies, and a stream holds it for as long as it runs.
     */
    private static final int FIRST_SIZE = 2048;
    /** Reads are never made into less room than this, so a line cut at the buffer's end costs no run of tiny reads. */
    private static final int LEAST_READ = 512;

    private final InputStream body;
    private byte[] buffer = new byte[FIRST_SIZE];
    /** The first byte not yet parsed. */
    private int start;
    /** The end of the bytes read from the body. */
    private int end;
    /** A line ended in {@code \r}: a {@code \n} right after it belongs to that line's end. */
    private boolean lineFeedEndsLine;

    private boolean bodyEnded;
    private @Nullable String name;
    private @Nullable StringBuilder data;
    private @Nullable Event next;
    private boolean ended;

    public ServerSentEvents(InputStream body) {
        this.body = body;
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

    /**
     * Whether the next event is already here, so that {@link #hasNext()} answers without waiting for the upstream:
     * taken from what the body holds without blocking ({@link InputStream#available()}). A body that cannot tell, or
     * an event only partly arrived, answers false.
     */
    public boolean nextBuffered() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        try {
            while ((next = parseBuffered()) == null) {
                if (!readAvailable()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            // hasNext() meets the failure when it reads
            return false;
        }
    }

    private @Nullable Event read() {
        try {
            while (true) {
                Event event = parseBuffered();
                if (event != null) {
                    return event;
                }
                if (!readMore()) {
                    return lastEvent();
                }
            }
        } catch (IOException e) {
            throw new UpstreamException("The upstream's stream broke off: " + e.getMessage(), true, e);
        }
    }

    /** The event the buffered lines complete, consuming them; null when they complete none yet. */
    private @Nullable Event parseBuffered() {
        while (true) {
            if (lineFeedEndsLine && start < end) {
                if (buffer[start] == '\n') {
                    start++;
                }
                lineFeedEndsLine = false;
            }
            int lineEnd = lineEnd();
            if (lineEnd < 0) {
                return null;
            }
            String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
            lineFeedEndsLine = buffer[lineEnd] == '\r';
            start = lineEnd + 1;
            Event event = line(line);
            if (event != null) {
                return event;
            }
        }
    }

    private int lineEnd() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n' || buffer[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Takes one line; returns the event a blank line completes. */
    private @Nullable Event line(String line) {
        if (line.isEmpty()) {
            Event event = data == null ? null : new Event(name == null ? "message" : name, data.toString());
            name = null;
            data = null;
            return event;
        }
        if (line.startsWith(":")) {
            return null;
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
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
        return null;
    }

    /** At the body's end: a last line without its line break still counts, and an event without its blank line. */
    private @Nullable Event lastEvent() {
        if (start < end) {
            line(new String(buffer, start, end - start, StandardCharsets.UTF_8));
            start = end;
        }
        return line("");
    }

    /** Reads what the body has, waiting for it; false at the body's end. */
    private boolean readMore() throws IOException {
        return fill(buffer.length);
    }

    /** Reads what the body holds without waiting; false when it holds nothing (or cannot tell). */
    private boolean readAvailable() throws IOException {
        if (bodyEnded) {
            return false;
        }
        int available = body.available();
        return available > 0 && fill(available);
    }

    private boolean fill(int most) throws IOException {
        if (bodyEnded) {
            return false;
        }
        makeRoom();
        int read = body.read(buffer, end, Math.min(most, buffer.length - end));
        if (read < 0) {
            bodyEnded = true;
            return false;
        }
        end += read;
        return true;
    }

    /** Moves the unparsed bytes to the front when little room is left, and grows the buffer only for a long event. */
    private void makeRoom() {
        if (start == end) {
            start = 0;
            end = 0;
        }
        if (buffer.length - end >= LEAST_READ) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (buffer.length - end < LEAST_READ) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
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
