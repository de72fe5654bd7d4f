package dev.tollgate.provider.channel;

import dev.tollgate.catalog.ModelKind;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.modulith.NamedInterface;

/**
 * The wire formats Tollgate speaks to upstreams, and which kinds of model each can serve; and the built-in simulator,
 * which speaks none.
 */
@NamedInterface("channel")
public enum ChannelKind {
    /** OpenAI's API and the many services that copy it: chat (streaming, tools), images, edits and videos. */
    OPENAI_COMPATIBLE("openai-compatible", true, true, true),
    /** Anthropic's Messages API. */
    ANTHROPIC("anthropic", true, false, false),
    /** AWS Bedrock's Converse and ConverseStream through the AWS SDK. */
    BEDROCK("bedrock", true, false, false),
    /** Google's generateContent with image output, for the Gemini image models. */
    GEMINI_IMAGE("gemini-image", false, true, false),
    /** BytePlus ModelArk's video generation tasks (Seedance). */
    SEEDANCE("seedance", false, false, true),
    /**
     * The built-in simulator: no upstream, every catalog model of every kind. There is exactly one channel of this kind,
     * made at start; it stands in for models no other enabled channel serves.
     */
    SIMULATOR("simulator", true, true, true);

    private final String id;
    private final boolean chat;
    private final boolean images;
    private final boolean videos;

    ChannelKind(String id, boolean chat, boolean images, boolean videos) {
        this.id = id;
        this.chat = chat;
        this.images = images;
        this.videos = videos;
    }

    /** The name configuration and the admin view use, e.g. {@code openai-compatible}. */
    public String id() {
        return id;
    }

    /** The simulator's kind: in the application rather than upstream, made at start, never by an administrator. */
    public boolean builtIn() {
        return this == SIMULATOR;
    }

    public boolean servesChat() {
        return chat;
    }

    public boolean servesImages() {
        return images;
    }

    public boolean servesVideos() {
        return videos;
    }

    /** Whether the kind can serve models of this kind. */
    public boolean serves(ModelKind model) {
        return switch (model) {
            case CHAT -> chat;
            case IMAGE -> images;
            case VIDEO -> videos;
        };
    }

    public static Optional<ChannelKind> fromId(String id) {
        return Arrays.stream(values())
                .filter(kind -> kind.id.equalsIgnoreCase(id.strip()))
                .findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
