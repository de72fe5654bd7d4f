package dev.tollgate.gateway.openai;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the chunks a reply streams most (text, reasoning and tool-call argument deltas), written from the parts
 * every chunk of the reply shares, prepared once, around the delta. Serialising a map per chunk cost more than the rest
 * of the chunk's way to the caller. One per reply, used by one thread.
 */
final class DeltaChunks {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    /** {@code {"id":…,"object":…,"created":…,"model":…,"choices":[{"index":0,"delta":{} */
    private final String opening;

    /** The choice's and the chunk's closing, with {@code "usage":null} when the caller asked for usage. */
    private final String closing;

    private final StringBuilder chunk = new StringBuilder(256);

    DeltaChunks(JsonMapper json, String id, String model, long created, boolean includeUsage) {
        // the id and model come from the caller's request, so Jackson quotes them
        this.opening = "{\"id\":" + json.writeValueAsString(id)
                + ",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + json.writeValueAsString(model)
                + ",\"choices\":[{\"index\":0,\"delta\":{";
        this.closing = "},\"logprobs\":null,\"finish_reason\":null}]" + (includeUsage ? ",\"usage\":null}" : "}");
    }

    /**
     * A chunk whose delta is one string field, {@code content} or {@code reasoning_content}, after the assistant's
     * role when {@code withRole}.
     */
    byte[] text(String field, String text, boolean withRole) {
        chunk.setLength(0);
        chunk.append(opening);
        if (withRole) {
            chunk.append("\"role\":\"assistant\",");
        }
        chunk.append('"').append(field).append("\":");
        quoted(text);
        return encoded();
    }

    /** A chunk with a fragment of the arguments of the tool call numbered {@code index}. */
    byte[] toolArguments(int index, String fragment) {
        chunk.setLength(0);
        chunk.append(opening)
                .append("\"tool_calls\":[{\"index\":")
                .append(index)
                .append(",\"function\":{\"arguments\":");
        quoted(fragment);
        chunk.append("}}]");
        return encoded();
    }

    private void quoted(String text) {
        chunk.append('"');
        STRINGS.quoteAsString(text, chunk);
        chunk.append('"');
    }

    /**
     * UTF-8 from the characters, as the map-based events are: a lone surrogate the upstream split off becomes
     * {@code ?} instead of failing the reply.
     */
    private byte[] encoded() {
        chunk.append(closing);
        return chunk.toString().getBytes(StandardCharsets.UTF_8);
    }
}
