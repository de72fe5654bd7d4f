package dev.tollgate.media;

/** The caller belongs to the team but may not change this item. */
public class MediaAccessDeniedException extends RuntimeException {

    public MediaAccessDeniedException(String message) {
        super(message);
    }
}
