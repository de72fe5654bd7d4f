package dev.tollgate.video;

/** No live job with this id in the team (it may be another team's, or deleted). */
public class VideoJobNotFoundException extends RuntimeException {

    public VideoJobNotFoundException(VideoJobId id) {
        super("No video " + id + " in this team");
    }
}
