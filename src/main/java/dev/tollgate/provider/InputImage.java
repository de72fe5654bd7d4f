package dev.tollgate.provider;

import java.util.Objects;

/** An image a caller gave for an edit: its bytes, already recognised as one of the accepted formats. */
public record InputImage(byte[] bytes, ImageFormat format) {

    public InputImage {
        Objects.requireNonNull(bytes);
        Objects.requireNonNull(format);
    }

    /** The image, if the bytes are one of the accepted formats. */
    public static java.util.Optional<InputImage> of(byte[] bytes) {
        return ImageFormat.sniff(bytes).map(format -> new InputImage(bytes, format));
    }
}
