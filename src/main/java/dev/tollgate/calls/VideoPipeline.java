package dev.tollgate.calls;

import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.provider.ModelAvailability;
import dev.tollgate.text.StorableText;
import dev.tollgate.video.VideoJob;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Every video request, from the API or the portal: authorize, check length and size, then pay the fixed price and
 * queue the job together. The job itself runs on the video module's workers; a job that fails is refunded there.
 */
@Service
public class VideoPipeline {

    /** The lengths a video may have, in seconds; the first is the default. */
    public static final List<Integer> LENGTHS = List.of(4, 8, 12);

    /** The sizes a video may have; the first is the default. */
    public static final List<String> SIZES = List.of("720x1280", "1280x720", "1024x1792", "1792x1024");

    private final Catalog catalog;
    private final ModelAvailability availability;
    private final KeyRateLimiter rateLimiter;
    private final VideoAdmission admission;

    VideoPipeline(
            Catalog catalog, ModelAvailability availability, KeyRateLimiter rateLimiter, VideoAdmission admission) {
        this.catalog = catalog;
        this.availability = availability;
        this.rateLimiter = rateLimiter;
        this.admission = admission;
    }

    /** The video models something serves now, for pickers. */
    public List<CatalogModel> models() {
        return catalog.ofKind(ModelKind.VIDEO).stream()
                .filter(availability::isServed)
                .toList();
    }

    /** Accepts the job (charged, queued) or refuses it ({@link CallRefusedException}). */
    public VideoJob create(VideoCall call) {
        CatalogModel model = ModelId.tryParse(call.model())
                .flatMap(catalog::find)
                .orElseThrow(() -> Refusals.unknownModel(call.model()));
        if (model.kind() != ModelKind.VIDEO) {
            throw Refusals.wrongKind(call.model(), model.kind(), ModelKind.VIDEO);
        }
        if (call.key() != null && !call.key().allows(model.id())) {
            throw Refusals.modelNotAllowed(call.model());
        }
        if (call.prompt().isBlank()) {
            throw Refusals.invalid("A prompt is required: describe the video you want.", "prompt");
        }
        if (call.prompt().length() > ImagePipeline.LONGEST_PROMPT) {
            throw Refusals.invalid(
                    "The prompt is longer than " + ImagePipeline.LONGEST_PROMPT + " characters.", "prompt");
        }
        StorableText.flaw(call.prompt()).ifPresent(flaw -> {
            throw Refusals.invalid("The prompt " + flaw + ".", "prompt");
        });
        int seconds = seconds(call.seconds());
        String size = size(call.size());
        if (call.key() != null) {
            rateLimiter.acquire(call.key());
        }
        return admission.admit(call, model, model.requireRequestPrice(), seconds, size);
    }

    private static int seconds(@Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            return LENGTHS.getFirst();
        }
        try {
            int seconds = Integer.parseInt(requested.strip());
            if (LENGTHS.contains(seconds)) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Refusals.invalid("seconds must be \"4\", \"8\" or \"12\", not '" + requested + "'.", "seconds");
    }

    private static String size(@Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            return SIZES.getFirst();
        }
        String size = requested.strip().toLowerCase().replace('×', 'x');
        if (!SIZES.contains(size)) {
            throw Refusals.invalid(
                    "size must be one of " + String.join(", ", SIZES) + ", not '" + requested + "'.", "size");
        }
        return size;
    }
}
