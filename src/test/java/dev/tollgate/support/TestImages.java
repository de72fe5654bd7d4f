package dev.tollgate.support;

/** Small, valid images for requests that carry one. */
public final class TestImages {

    /** A 1×1 PNG, base64-encoded. */
    public static final String PIXEL_PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private TestImages() {}
}
