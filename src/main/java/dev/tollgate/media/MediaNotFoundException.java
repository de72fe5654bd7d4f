package dev.tollgate.media;

/** No live media with this id in the team. */
public class MediaNotFoundException extends RuntimeException {

    public MediaNotFoundException(MediaId id) {
        super("No image or video " + id + " in this team");
    }
}
