package dev.tollgate.calls;

import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.money.Credits;
import dev.tollgate.video.NewVideoJob;
import dev.tollgate.video.VideoJob;
import dev.tollgate.video.VideoJobs;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pays for a video job, queues it and confirms the charge in one transaction, so there is never a charge without its
 * job or the reverse.
 */
@Component
class VideoAdmission {

    private final FixedPriceCharges charges;
    private final VideoJobs jobs;

    VideoAdmission(FixedPriceCharges charges, VideoJobs jobs) {
        this.charges = charges;
        this.jobs = jobs;
    }

    @Transactional(transactionManager = "jdbcTransactionManager")
    public VideoJob admit(VideoCall call, CatalogModel model, Credits price, int seconds, String size) {
        PrepaidCharge charge = charges.charge(
                call.team(), call.key(), call.requestId(), price, "Video " + model.id() + " (" + seconds + " s)");
        VideoJob queued = jobs.enqueue(
                new NewVideoJob(charge, call.caller(), model.id(), call.prompt(), seconds, size, call.reference()));
        // queued in this transaction: from here on the job's own failure path refunds it
        charges.confirm(charge);
        return queued;
    }
}
