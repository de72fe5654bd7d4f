package dev.tollgate.provider.bedrock;

import dev.tollgate.support.UpstreamStandIn.Answer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * Bedrock's ConverseStream answer as it crosses the wire: {@code application/vnd.amazon.eventstream} frames (prelude,
 * headers, JSON payload, CRCs) encoded by the SDK's own event-stream codec, and its error answers. Event payloads follow
 * the Converse API reference, including the {@code p} padding field Bedrock adds to hide the payload length.
 */
public final class ConverseWire {

    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private ConverseWire() {}

    static byte[] event(String type, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return encode(new Message(headers, json.getBytes(StandardCharsets.UTF_8)));
    }

    /** An exception event inside a stream that began with 200, e.g. {@code throttlingException}. */
    static byte[] exception(String type, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        return encode(new Message(headers, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] messageStart() {
        return event("messageStart", "{\"p\":\"abcdefgh\",\"role\":\"assistant\"}");
    }

    static byte[] text(int block, String text) {
        return event(
                "contentBlockDelta",
                "{\"contentBlockIndex\":" + block + ",\"delta\":{\"text\":\"" + text + "\"},\"p\":\"abcd\"}");
    }

    static byte[] toolStart(int block, String id, String name) {
        return event(
                "contentBlockStart",
                "{\"contentBlockIndex\":" + block + ",\"start\":{\"toolUse\":{\"toolUseId\":\"" + id + "\",\"name\":\""
                        + name + "\"}},\"p\":\"ab\"}");
    }

    static byte[] toolInput(int block, String escapedJsonFragment) {
        return event(
                "contentBlockDelta",
                "{\"contentBlockIndex\":" + block + ",\"delta\":{\"toolUse\":{\"input\":\"" + escapedJsonFragment
                        + "\"}}}");
    }

    static byte[] blockStop(int block) {
        return event("contentBlockStop", "{\"contentBlockIndex\":" + block + ",\"p\":\"abcdefghijk\"}");
    }

    static byte[] messageStop(String stopReason) {
        return event("messageStop", "{\"stopReason\":\"" + stopReason + "\",\"p\":\"abc\"}");
    }

    /** Usage whose cache writes Bedrock splits by TTL in {@code cacheDetails}. */
    static byte[] metadata(int input, int output, int cacheRead, int fiveMinuteWrites, int hourWrites) {
        int cacheWrite = fiveMinuteWrites + hourWrites;
        int total = input + output + cacheRead + cacheWrite;
        return event(
                "metadata",
                "{\"usage\":{\"inputTokens\":" + input + ",\"outputTokens\":" + output + ",\"totalTokens\":" + total
                        + ",\"cacheReadInputTokens\":" + cacheRead + ",\"cacheWriteInputTokens\":" + cacheWrite
                        + ",\"cacheDetails\":[{\"ttl\":\"1h\",\"inputTokens\":" + hourWrites + "},"
                        + "{\"ttl\":\"5m\",\"inputTokens\":" + fiveMinuteWrites + "}]"
                        + "},\"metrics\":{\"latencyMs\":412},\"p\":\"abcdef\"}");
    }

    static byte[] metadata(int input, int output, int cacheRead, int cacheWrite) {
        int total = input + output + cacheRead + cacheWrite;
        return event(
                "metadata",
                "{\"usage\":{\"inputTokens\":" + input + ",\"outputTokens\":" + output + ",\"totalTokens\":" + total
                        + ",\"cacheReadInputTokens\":" + cacheRead + ",\"cacheWriteInputTokens\":" + cacheWrite
                        + "},\"metrics\":{\"latencyMs\":412},\"p\":\"abcdef\"}");
    }

    /** A reply of plain text deltas, then its stop and usage. */
    public static List<byte[]> textReply(List<String> deltas, String stopReason, int input, int output) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(messageStart());
        deltas.forEach(delta -> frames.add(text(0, delta)));
        frames.add(blockStop(0));
        frames.add(messageStop(stopReason));
        frames.add(metadata(input, output, 0, 0));
        return frames;
    }

    /** A 200 answer streaming these frames, one chunk each, {@code pause} before each. */
    public static Answer stream(List<byte[]> frames, Duration pause) {
        return new Answer(
                200,
                Map.of("content-type", EVENT_STREAM, "x-amzn-requestid", "6b0c1b4e-0000-4c5c-9a55-000000000000"),
                frames,
                pause);
    }

    /** An error answer as Bedrock's REST JSON protocol sends it: the type in {@code x-amzn-errortype}. */
    static Answer error(int status, String type, String message) {
        return Answer.json(status, "{\"message\":\"" + message + "\"}")
                .withHeader("x-amzn-errortype", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .withHeader("x-amzn-requestid", "6b0c1b4e-0000-4c5c-9a55-000000000001");
    }

    private static byte[] encode(Message message) {
        ByteBuffer buffer = message.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
