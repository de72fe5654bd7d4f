package dev.tollgate.gateway.openai;

import dev.tollgate.fetch.FetchFailedException;
import dev.tollgate.fetch.FetchRefusedException;
import dev.tollgate.fetch.SafeUrlFetcher;
import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.ImageProbe;
import dev.tollgate.provider.ImageProbe.InvalidImageException;
import dev.tollgate.provider.ImageProbe.ProbedImage;
import dev.tollgate.provider.InputImage;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns what a caller gave as an edit's image into checked image bytes: an upload, base64, a data URL, or an http(s)
 * URL fetched through the SSRF-safe fetcher. Whatever the source, the bytes must really be a PNG, JPEG or WebP image
 * of sensible size.
 */
@Component
class ImageReferences {

    /** The largest image accepted, as bytes. */
    static final int LARGEST_IMAGE = 20 * 1024 * 1024;

    /** The widest or tallest image accepted, in pixels. */
    static final int LARGEST_SIDE = 8192;

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
    private static final Pattern DATA_URL =
            Pattern.compile("^data:([\\w/+.-]*)(;[\\w=.-]+)*;base64,(.*)$", Pattern.DOTALL);

    private final SafeUrlFetcher fetcher;

    ImageReferences(SafeUrlFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** An image given in a JSON string: a URL, a data URL or plain base64. */
    InputImage fromText(String reference, String param) {
        String value = reference.strip();
        if (value.isEmpty()) {
            throw RequestFields.invalid(
                    param + " is empty; give the image as base64, a data URL or an http(s) URL.", param);
        }
        if (value.regionMatches(true, 0, "data:", 0, 5)) {
            var match = DATA_URL.matcher(value);
            if (!match.matches()) {
                throw RequestFields.invalid(param + " is a data URL without base64 data.", param);
            }
            return fromBytes(decodeBase64(match.group(3), param), param);
        }
        // base64 never contains a colon, so anything with a scheme is a URL (and file: and friends are refused)
        if (URL_SCHEME.matcher(value).matches()) {
            return fromBytes(fetch(value, param), param);
        }
        return fromBytes(decodeBase64(value, param), param);
    }

    /** An uploaded file's bytes. */
    InputImage fromBytes(byte[] bytes, String param) {
        if (bytes.length == 0) {
            throw RequestFields.invalid(param + " is empty.", param);
        }
        if (bytes.length > LARGEST_IMAGE) {
            throw RequestFields.invalid(param + " is larger than " + (LARGEST_IMAGE / (1024 * 1024)) + " MB.", param);
        }
        ProbedImage probed;
        try {
            probed = ImageProbe.probe(bytes);
        } catch (InvalidImageException e) {
            throw RequestFields.invalid(param + ": " + e.getMessage(), param);
        }
        if (probed.width() > LARGEST_SIDE || probed.height() > LARGEST_SIDE) {
            throw RequestFields.invalid(
                    param + " is " + probed.width() + "×" + probed.height() + " pixels; images up to " + LARGEST_SIDE
                            + " pixels on a side are accepted.",
                    param);
        }
        return new InputImage(bytes, probed.format());
    }

    /** A mask: a PNG (its transparent pixels mark what may change) the size of the first image. */
    InputImage mask(InputImage mask, InputImage first) {
        if (mask.format() != ImageFormat.PNG) {
            throw RequestFields.invalid("mask must be a PNG with an alpha channel.", "mask");
        }
        ProbedImage maskSize = ImageProbe.probe(mask.bytes());
        ProbedImage imageSize = ImageProbe.probe(first.bytes());
        if (maskSize.width() != imageSize.width() || maskSize.height() != imageSize.height()) {
            throw RequestFields.invalid(
                    "mask is " + maskSize.width() + "×" + maskSize.height() + " but the image is " + imageSize.width()
                            + "×" + imageSize.height() + "; they must be the same size.",
                    "mask");
        }
        return mask;
    }

    private byte[] fetch(String url, String param) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw RequestFields.invalid(param + " is not a valid URL.", param);
        }
        try {
            return fetcher.fetch(uri, LARGEST_IMAGE).bytes();
        } catch (FetchRefusedException | FetchFailedException e) {
            throw RequestFields.invalid(param + ": " + e.getMessage(), param);
        }
    }

    private static byte[] decodeBase64(String text, @Nullable String param) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw RequestFields.invalid(param + " is neither valid base64 nor an http(s) or data URL.", param);
        }
    }
}
