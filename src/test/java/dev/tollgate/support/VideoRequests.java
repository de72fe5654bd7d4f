package dev.tollgate.support;

import com.openai.models.videos.VideoCreateParams;
import com.openai.models.videos.VideoSeconds;
import com.openai.models.videos.VideoSize;

/** The video request most tests make through the OpenAI SDK: the shortest length, landscape. */
public final class VideoRequests {

    private VideoRequests() {}

    /** Four seconds at 1280×720; more (headers, a reference image) may be added to the builder. */
    public static VideoCreateParams.Builder fourSecondLandscape(String model, String prompt) {
        return VideoCreateParams.builder()
                .model(model)
                .prompt(prompt)
                .seconds(VideoSeconds._4)
                .size(VideoSize._1280X720);
    }
}
