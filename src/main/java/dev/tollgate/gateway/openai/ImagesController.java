package dev.tollgate.gateway.openai;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.calls.ImageCall;
import dev.tollgate.calls.ImagePipeline;
import dev.tollgate.calls.ImageResult;
import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.media.MediaService;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.InputImage;
import dev.tollgate.web.PublicUrls;
import dev.tollgate.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/images/generations} (JSON) and {@code POST /v1/images/edits}: multipart as the official SDKs send
 * it ({@code image}, {@code image[]} or {@code image[n]} file parts, optional {@code mask}), or JSON with the image as
 * base64, a data URL or an http(s) URL.
 */
@RestController
class ImagesController {

    private static final Pattern IMAGE_PART = Pattern.compile("image(\\[\\d*])?");
    private static final int MOST_INPUTS = 16;

    private final ImagePipeline pipeline;
    private final ImageReferences references;
    private final ImagesResponseWriter writer;
    private final PublicUrls urls;
    private final Clock clock;

    ImagesController(
            ImagePipeline pipeline,
            ImageReferences references,
            MediaService media,
            JsonMapper json,
            PublicUrls urls,
            Clock clock) {
        this.pipeline = pipeline;
        this.references = references;
        this.writer = new ImagesResponseWriter(json, media);
        this.urls = urls;
        this.clock = clock;
    }

    @PostMapping({"/v1/images/generations", "/api/v1/images/generations"})
    void generate(
            @AuthenticationPrincipal AuthenticatedKey key,
            @RequestBody JsonNode body,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        RequestFields.requireObject(body);
        rejectStreaming(body.path("stream").asBoolean(false));
        Options options = Options.of(body);
        respond(key, options, List.of(), null, request, response);
    }

    @PostMapping(
            value = {"/v1/images/edits", "/api/v1/images/edits"},
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    void editUpload(
            @AuthenticationPrincipal AuthenticatedKey key,
            MultipartHttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        rejectStreaming("true".equalsIgnoreCase(request.getParameter("stream")));
        Options options = new Options(
                requiredPart(request, "model"),
                requiredPart(request, "prompt"),
                countPart(request.getParameter("n")),
                request.getParameter("size"),
                request.getParameter("response_format"));
        // parts are read whole whatever they claim to be: SDKs send files without a file name or with a generic
        // content type, and callers may send a URL or base64 as a plain field of the same name
        List<InputImage> inputs = new ArrayList<>();
        InputImage mask = null;
        for (Part part : FormParts.of(request)) {
            boolean image = IMAGE_PART.matcher(part.getName()).matches();
            if (image || part.getName().equals("mask")) {
                InputImage input = input(part, image ? "image" : "mask");
                if (image) {
                    inputs.add(input);
                } else {
                    mask = input;
                }
            }
        }
        respond(key, options, inputs, mask, request, response);
    }

    @PostMapping(
            value = {"/v1/images/edits", "/api/v1/images/edits"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    void editJson(
            @AuthenticationPrincipal AuthenticatedKey key,
            @RequestBody JsonNode body,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        RequestFields.requireObject(body);
        rejectStreaming(body.path("stream").asBoolean(false));
        Options options = Options.of(body);
        List<InputImage> inputs = new ArrayList<>();
        for (String field : List.of("image", "images", "image_url")) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                if (value.isArray()) {
                    for (JsonNode item : value) {
                        inputs.add(references.fromText(reference(item, field), field));
                    }
                } else {
                    inputs.add(references.fromText(reference(value, field), field));
                }
            }
        }
        JsonNode maskValue = body.get("mask");
        InputImage mask = maskValue == null || maskValue.isNull()
                ? null
                : references.fromText(reference(maskValue, "mask"), "mask");
        respond(key, options, inputs, mask, request, response);
    }

    private InputImage input(Part part, String param) throws IOException {
        if (part.getSize() > ImageReferences.LARGEST_IMAGE) {
            throw RequestFields.invalid(
                    param + " is larger than " + (ImageReferences.LARGEST_IMAGE / (1024 * 1024)) + " MB.", param);
        }
        byte[] bytes;
        try (var in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        return ImageFormat.sniff(bytes).isPresent() || part.getSubmittedFileName() != null
                ? references.fromBytes(bytes, param)
                : references.fromText(new String(bytes, StandardCharsets.UTF_8), param);
    }

    private void respond(
            AuthenticatedKey key,
            Options options,
            List<InputImage> inputs,
            @Nullable InputImage mask,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        boolean edit = request.getRequestURI().endsWith("/edits");
        if (edit && inputs.isEmpty()) {
            throw RequestFields.invalid(
                    "An edit needs an image: upload it as 'image' (or 'image[]'), or give it as base64, a data URL or"
                            + " an http(s) URL.",
                    "image");
        }
        if (inputs.size() > MOST_INPUTS) {
            throw RequestFields.invalid("At most " + MOST_INPUTS + " images can be edited together.", "image");
        }
        if (mask != null) {
            mask = references.mask(mask, inputs.getFirst());
        }
        boolean base64 = responseFormat(options.responseFormat());
        ImageResult result = pipeline.execute(ImageCall.api(
                RequestIds.of(request),
                key,
                options.model(),
                options.prompt(),
                options.count(),
                options.size(),
                inputs,
                mask));
        writer.write(
                response, result, base64, urls.base(request), clock.instant().getEpochSecond());
    }

    private static String reference(JsonNode value, String field) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isObject()) {
            if (value.hasNonNull("file_id")) {
                throw RequestFields.invalid(
                        field + ": file ids are not supported here; give the image as base64, a data URL or an"
                                + " http(s) URL.",
                        field);
            }
            JsonNode url = value.get("image_url");
            if (url != null && url.isObject()) {
                url = url.get("url");
            }
            if (url != null && url.isString()) {
                return url.stringValue();
            }
        }
        throw RequestFields.invalid(
                field + " must be a string (base64, a data URL or an http(s) URL) or {\"image_url\": \"...\"}.", field);
    }

    private static int count(JsonNode body) {
        JsonNode n = body.get("n");
        if (n == null || n.isNull()) {
            return 1;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw RequestFields.invalid("n must be an integer between 1 and " + ImagePipeline.MOST_IMAGES + ".", "n");
        }
        return n.intValue();
    }

    private static int countPart(@Nullable String n) {
        if (n == null || n.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(n.strip());
        } catch (NumberFormatException e) {
            throw RequestFields.invalid("n must be an integer between 1 and " + ImagePipeline.MOST_IMAGES + ".", "n");
        }
    }

    private static String requiredPart(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) {
            throw RequestFields.invalid(name + " is required.", name);
        }
        return value;
    }

    private static boolean responseFormat(@Nullable String format) {
        if (format == null || format.equals("url")) {
            return false;
        }
        if (format.equals("b64_json")) {
            return true;
        }
        throw RequestFields.invalid(
                "response_format must be 'url' or 'b64_json', not '" + format + "'.", "response_format");
    }

    private static void rejectStreaming(boolean stream) {
        if (stream) {
            throw RequestFields.invalid(
                    "Streaming partial images is not supported; leave 'stream' out to get the finished images.",
                    "stream");
        }
    }

    private record Options(
            String model,
            String prompt,
            int count,
            @Nullable String size,
            @Nullable String responseFormat) {

        static Options of(JsonNode body) {
            return new Options(
                    RequestFields.requireString(body, "model", "model"),
                    RequestFields.requireString(body, "prompt", "prompt"),
                    ImagesController.count(body),
                    RequestFields.optionalString(body, "size", "size"),
                    RequestFields.optionalString(body, "response_format", "response_format"));
        }
    }
}
