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
     * The buffer's first size: a few events. The HTTP client buffers the connection's bytes itself, so a small
     * one costs only copies, and a stream holds it for as long as it runs.
     */
    private static final int FIRST_SIZE = 2048;
    /** Reads are never made into less room than this, so a line cut at the buffer's end costs no run of tiny reads. */
    private static final int LEAST_READ = 512;

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

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
    /** The event's first data line; nearly every event has only one. */
    private @Nullable String data;
    /** The data lines joined, once a second one comes. */
    private @Nullable StringBuilder moreData;

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
            int lineStart = start;
            lineFeedEndsLine = buffer[lineEnd] == '\r';
            start = lineEnd + 1;
            Event event = line(lineStart, lineEnd);
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

    /**
     * Takes the line in {@code buffer[from, to)}; returns the event a blank line completes. Only a field's value is
     * decoded, once, so an event's data is one string made from the bytes that carried it.
     */
    private @Nullable Event line(int from, int to) {
        if (from == to) {
            return dispatch();
        }
        if (buffer[from] == ':') {
            return null;
        }
        int colon = indexOf((byte) ':', from, to);
        int nameEnd = colon < 0 ? to : colon;
        int valueStart = colon < 0 ? to : colon + 1;
        if (valueStart < to && buffer[valueStart] == ' ') {
            valueStart++;
        }
        if (isField(DATA, from, nameEnd)) {
            addData(new String(buffer, valueStart, to - valueStart, StandardCharsets.UTF_8));
        } else if (isField(EVENT, from, nameEnd)) {
            name = new String(buffer, valueStart, to - valueStart, StandardCharsets.UTF_8);
        }
        return null;
    }

    private void addData(String value) {
        if (data == null) {
            data = value;
        } else {
            if (moreData == null) {
                moreData = new StringBuilder(data);
            }
            moreData.append('\n').append(value);
        }
    }

    /** The event the lines so far make, if they had data; the next event starts afresh. */
    private @Nullable Event dispatch() {
        Event event = data == null
                ? null
                : new Event(name == null ? "message" : name, moreData == null ? data : moreData.toString());
        name = null;
        data = null;
        moreData = null;
        return event;
    }

    private boolean isField(byte[] field, int from, int to) {
        return Arrays.equals(buffer, from, to, field, 0, field.length);
    }

    private int indexOf(byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** At the body's end: a last line without its line break still counts, and an event without its blank line. */
    private @Nullable Event lastEvent() {
        if (start < end) {
            line(start, end);
            start = end;
        }
        return dispatch();
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
