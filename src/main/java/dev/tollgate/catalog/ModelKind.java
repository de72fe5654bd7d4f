package dev.tollgate.catalog;

/** What a model produces, which decides how it is priced and which endpoints serve it. */
public enum ModelKind {
    CHAT("Chat"),
    IMAGE("Image"),
    VIDEO("Video");

    private final String label;

    ModelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Chat is priced per token; images and videos at a fixed price per request. */
    public boolean isPricedPerRequest() {
        return this != CHAT;
    }
}
