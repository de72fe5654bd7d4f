package dev.tollgate.calls;

import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.catalog.Resolution;
import dev.tollgate.media.MediaItem;
import dev.tollgate.media.MediaKind;
import dev.tollgate.media.MediaService;
import dev.tollgate.media.MediaUpload;
import dev.tollgate.media.NewMedia;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageRouter;
import dev.tollgate.provider.ModelAvailability;
import dev.tollgate.provider.UnreadableInputException;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.Routed;
import dev.tollgate.text.StorableText;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageRecord;
import dev.tollgate.usage.UsageRecorder;
import dev.tollgate.usage.UsageStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Every image generation and edit, from the API or the portal: authorize, check the model's fixed size, pay the fixed
 * price up front, render into staged media, then keep the images, confirm the charge and record usage, or discard them
 * and refund once. A charge the process dies before confirming is refunded by billing.
 */
@Service
public class ImagePipeline {

    /** The most images one request may ask for. */
    public static final int MOST_IMAGES = 4;

    /** The longest prompt accepted, in characters. */
    public static final int LONGEST_PROMPT = 32_000;

    private static final Logger log = LoggerFactory.getLogger(ImagePipeline.class);

    private final Catalog catalog;
    private final ModelAvailability availability;
    private final KeyRateLimiter rateLimiter;
    private final FixedPriceCharges charges;
    private final ImageRouter router;
    private final MediaService media;
    private final UsageRecorder usage;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ImagePipeline(
            Catalog catalog,
            ModelAvailability availability,
            KeyRateLimiter rateLimiter,
            FixedPriceCharges charges,
            ImageRouter router,
            MediaService media,
            UsageRecorder usage,
            ApplicationEventPublisher events,
            Clock clock) {
        this.catalog = catalog;
        this.availability = availability;
        this.rateLimiter = rateLimiter;
        this.charges = charges;
        this.router = router;
        this.media = media;
        this.usage = usage;
        this.events = events;
        this.clock = clock;
    }

    /** The image models something serves now, for pickers. */
    public List<CatalogModel> models() {
        return catalog.ofKind(ModelKind.IMAGE).stream()
                .filter(availability::isServed)
                .toList();
    }

    /**
     * Runs the request. Refusals (unknown model, wrong size, no credit, rate limit) and failures (the upstream could
     * not render; the charge is then refunded) are thrown as {@link CallRefusedException}.
     */
    public ImageResult execute(ImageCall call) {
        Instant started = clock.instant();
        ServedBy served = new ServedBy();
        CallOutcome outcome = CallOutcome.ERROR;
        ImageResult result = null;
        try {
            result = execute(call, started, served);
            outcome = CallOutcome.OK;
            return result;
        } catch (CallRefusedException refused) {
            outcome = CallOutcome.of(refused.refusal());
            throw refused;
        } finally {
            announce(new ImageCallFinished(
                    served.model,
                    // a caller's name that is no model id (any length, any characters) goes no further
                    ModelId.tryParse(call.model()).map(ModelId::value).orElse(ImageCallFinished.NOT_A_MODEL_ID),
                    served.channel,
                    outcome,
                    started,
                    Duration.between(started, clock.instant()),
                    result == null ? 0 : result.images().size(),
                    result == null ? Credits.ZERO : result.charged()));
        }
    }

    /** Tells metrics how the call ended; the call is settled by then, so a listener's failure is only logged. */
    private void announce(ImageCallFinished finished) {
        try {
            events.publishEvent(finished);
        } catch (RuntimeException listenerFailed) {
            log.warn("A listener of finished image calls failed", listenerFailed);
        }
    }

    /** What served a call, learnt along the way. */
    private static final class ServedBy {
        private @Nullable ModelId model;
        private @Nullable String channel;
    }

    private ImageResult execute(ImageCall call, Instant started, ServedBy served) {
        CatalogModel model = authorize(call);
        served.model = model.id();
        Resolution resolution = model.resolution();
        if (resolution == null) {
            throw new IllegalStateException("An image model has a resolution: " + model.id());
        }
        validate(call, model, resolution);
        if (call.key() != null) {
            rateLimiter.acquire(call.key());
        }
        Credits price = model.requireRequestPrice().times(BigDecimal.valueOf(call.count()));
        PrepaidCharge charge = charges.charge(call.team(), call.key(), call.requestId(), price, note(call, model));

        List<MediaUpload> uploads = new ArrayList<>();
        List<MediaItem> stored = new ArrayList<>();
        String channel = null;
        try {
            ImageRequest request =
                    new ImageRequest(model.id(), call.prompt(), resolution, call.count(), call.inputs(), call.mask());
            Routed<List<GeneratedImage>> routed = router.generate(request, index -> {
                MediaUpload upload = media.newUpload();
                uploads.add(upload);
                return upload.stream();
            });
            channel = routed.channel();
            served.channel = channel;
            List<GeneratedImage> images = routed.value();
            if (images.size() != call.count() || uploads.size() != call.count()) {
                throw new UpstreamException(
                        "The upstream returned " + images.size() + " of " + call.count() + " images", false);
            }
            stored.addAll(store(call, model, images, uploads));
            if (!charges.confirm(charge)) {
                throw new UpstreamException("The images took too long to make; the charge was refunded", false);
            }
            record(call, model, channel, UsageStatus.SUCCEEDED, price, null, started);
            return new ImageResult(
                    call.requestId(),
                    model,
                    stored,
                    images.stream().map(GeneratedImage::revisedPrompt).toList(),
                    price);
        } catch (RuntimeException failure) {
            uploads.forEach(media::discard);
            stored.forEach(item -> discardStored(call, item));
            String reason = failure instanceof UpstreamException && failure.getMessage() != null
                    ? failure.getMessage()
                    : "The image could not be made";
            charges.refund(charge, reason);
            record(call, model, channel, UsageStatus.FAILED, Credits.ZERO, reason, started);
            if (failure instanceof UnreadableInputException unreadable) {
                throw Refusals.invalid(unreadable.getMessage() + "; the charge was refunded.", "image");
            }
            if (!(failure instanceof UpstreamException upstream)) {
                log.error("Image request {} failed", call.requestId(), failure);
                throw Refusals.upstreamFailed("the image could not be made");
            }
            throw Refusals.ofUpstream(upstream);
        }
    }

    /** An image stored for a request that then failed is not kept: nobody paid for it. */
    private void discardStored(ImageCall call, MediaItem item) {
        try {
            media.delete(call.team(), item.id());
        } catch (RuntimeException e) {
            log.warn("Could not remove image {} of failed request {}", item.id(), call.requestId(), e);
        }
    }

    private CatalogModel authorize(ImageCall call) {
        CatalogModel model = ModelId.tryParse(call.model())
                .flatMap(catalog::find)
                .orElseThrow(() -> Refusals.unknownModel(call.model()));
        if (model.kind() != ModelKind.IMAGE) {
            throw Refusals.wrongKind(call.model(), model.kind(), ModelKind.IMAGE);
        }
        if (call.key() != null && !call.key().allows(model.id())) {
            throw Refusals.modelNotAllowed(call.model());
        }
        return model;
    }

    private static void validate(ImageCall call, CatalogModel model, Resolution resolution) {
        String size =
                call.size() == null ? "" : call.size().strip().toLowerCase().replace('×', 'x');
        if (!size.isEmpty() && !size.equals("auto") && !size.equals(resolution.size())) {
            throw Refusals.invalid(
                    "The model '" + model.id() + "' renders only " + resolution.size() + " images; size '" + call.size()
                            + "' is not available. Pass size \"" + resolution.size()
                            + "\" or \"auto\", or leave size out.",
                    "size");
        }
        if (call.prompt().isBlank()) {
            throw Refusals.invalid("A prompt is required: describe the image you want.", "prompt");
        }
        if (call.prompt().length() > LONGEST_PROMPT) {
            throw Refusals.invalid("The prompt is longer than " + LONGEST_PROMPT + " characters.", "prompt");
        }
        StorableText.flaw(call.prompt()).ifPresent(flaw -> {
            throw Refusals.invalid("The prompt " + flaw + ".", "prompt");
        });
        if (call.count() < 1 || call.count() > MOST_IMAGES) {
            throw Refusals.invalid("n must be between 1 and " + MOST_IMAGES + ", not " + call.count() + ".", "n");
        }
    }

    private List<MediaItem> store(
            ImageCall call, CatalogModel model, List<GeneratedImage> images, List<MediaUpload> uploads) {
        List<MediaItem> stored = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            GeneratedImage image = images.get(i);
            stored.add(media.store(
                    uploads.get(i),
                    new NewMedia(
                            call.caller(),
                            MediaKind.IMAGE,
                            model.id().value(),
                            call.prompt(),
                            image.width(),
                            image.height(),
                            image.format().mediaType(),
                            image.format().extension(),
                            model.requireRequestPrice(),
                            call.editedFrom())));
        }
        return stored;
    }

    private void record(
            ImageCall call,
            CatalogModel model,
            @Nullable String channel,
            UsageStatus status,
            Credits cost,
            @Nullable String error,
            Instant started) {
        Instant now = clock.instant();
        usage.record(UsageRecord.fixedPrice(
                call.caller(),
                call.isEdit() ? UsageKind.EDIT : UsageKind.IMAGE,
                model.id(),
                channel,
                status,
                cost,
                error,
                started,
                clock.instant()));
    }

    private static String note(ImageCall call, CatalogModel model) {
        return (call.isEdit() ? "Image edit " : "Image ") + model.id() + " × " + call.count();
    }
}
