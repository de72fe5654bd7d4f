package dev.tollgate.video;

/** The job is still queued or in progress, so it cannot be deleted yet. */
public class VideoJobNotFinishedException extends RuntimeException {

    public VideoJobNotFinishedException(VideoJobId id) {
        super("Video " + id + " is not finished yet; it can be deleted once it has completed or failed");
    }
}
