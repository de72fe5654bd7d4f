package dev.tollgate.video;

import dev.tollgate.account.TeamId;
import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.caller.Caller;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.VideoRequest;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What working on a job and finishing it take: the request, who asked and paid, and the upstream task so far. A
 * worker gets one when it claims a job; the compare-and-set that fails a job returns one to whoever won it.
 *
 * @param attempts claims so far, this one included
 * @param traceContext the {@code traceparent} of the request that queued the job, if it had one
 */
record JobTicket(
        VideoJobId id,
        Caller caller,
        ModelId model,
        String prompt,
        int seconds,
        String size,
        byte @Nullable [] referenceImage,
        UUID chargeId,
        Credits cost,
        @Nullable String channel,
        @Nullable String upstreamTaskId,
        int attempts,
        int progress,
        Instant createdAt,
        @Nullable String traceContext) {

    /** What the upstream is asked to make. */
    VideoRequest request() {
        VideoSize frame = VideoSize.parse(size);
        InputImage reference =
                referenceImage == null ? null : InputImage.of(referenceImage).orElse(null);
        return new VideoRequest(model, prompt, seconds, frame.width(), frame.height(), reference);
    }

    PrepaidCharge charge() {
        return new PrepaidCharge(chargeId, caller.team(), caller.key(), caller.requestId(), cost);
    }

    TeamId team() {
        return caller.team();
    }

    JobTicket withTask(String channel, String upstreamTaskId) {
        return new JobTicket(
                id,
                caller,
                model,
                prompt,
                seconds,
                size,
                referenceImage,
                chargeId,
                cost,
                channel,
                upstreamTaskId,
                attempts,
                progress,
                createdAt,
                traceContext);
    }
}
