package dev.tollgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTests {

    @Test
    void readsNamedAndMultiLineEventsWhateverTheLineEndsAndSkipsComments() {
        String body = ": keep-alive\r\nevent: delta\r\ndata: one\r\ndata: two\r\n\r\n"
                + "id: 7\rdata: {\"x\":\"é\"}\r\r"
                + "data: no blank line at the end";

        assertThat(all(body))
                .containsExactly(
                        new ServerSentEvents.Event("delta", "one\ntwo"),
                        new ServerSentEvents.Event("message", "{\"x\":\"é\"}"),
                        new ServerSentEvents.Event("message", "no blank line at the end"));
    }

    @Test
    void fieldsAreReadByTheirWholeNameAndOneSpaceIsTakenOffAValue() {
        String body = "data\n\n"
                + "event: ping\n\n"
                + "data:\ndata:x\n\n"
                + "data:  two spaces\n\n"
                + "datax: not data\nunknown: field\ndata: y\n\n"
                + "event: first\nevent: last\ndata: z\n\n";

        assertThat(all(body))
                .as("an event without data is not one; a field without a colon has an empty value")
                .containsExactly(
                        new ServerSentEvents.Event("message", ""),
                        new ServerSentEvents.Event("message", "\nx"),
                        new ServerSentEvents.Event("message", " two spaces"),
                        new ServerSentEvents.Event("message", "y"),
                        new ServerSentEvents.Event("last", "z"));
    }

    @Test
    void anEventLongerThanTheBufferArrivesWhole() {
        String longData = "x".repeat(20_000);

        assertThat(all("data: " + longData + "\n\ndata: after\n\n"))
                .containsExactly(
                        new ServerSentEvents.Event("message", longData),
                        new ServerSentEvents.Event("message", "after"));
    }

    @Test
    void theNextEventIsBufferedOnlyOnceItHasArrivedWhole() throws IOException {
        PipedOutputStream upstream = new PipedOutputStream();
        ServerSentEvents events = new ServerSentEvents(new PipedInputStream(upstream, 65_536));

        assertThat(events.nextBuffered()).as("nothing has arrived").isFalse();
        send(upstream, "data: first\n\ndata: sec");
        assertThat(events.nextBuffered()).as("the first event is here").isTrue();
        assertThat(events.next().data()).isEqualTo("first");
        assertThat(events.nextBuffered())
                .as("the second has arrived only in part")
                .isFalse();
        send(upstream, "ond\n");
        assertThat(events.nextBuffered()).as("its blank line is still to come").isFalse();
        send(upstream, "\n");
        assertThat(events.nextBuffered()).isTrue();
        assertThat(events.next().data()).isEqualTo("second");
        upstream.close();
        assertThat(events.hasNext()).isFalse();
    }

    private static void send(PipedOutputStream upstream, String text) throws IOException {
        upstream.write(text.getBytes(StandardCharsets.UTF_8));
        upstream.flush();
    }

    private static List<ServerSentEvents.Event> all(String body) {
        List<ServerSentEvents.Event> read = new ArrayList<>();
        new ServerSentEvents(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .forEachRemaining(read::add);
        return read;
    }
}
