package dev.tollgate.media;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiErrorWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourceRegion;
import org.springframework.http.CacheControl;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRange;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.http.converter.ResourceRegionHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Sends a stored object the way RFC 9110 asks: conditional requests ({@code If-None-Match} with tags, a list or
 * {@code *}, {@code If-Modified-Since}) answered with 304, byte ranges with 206 (several as
 * {@code multipart/byteranges}), a range set with nothing inside the object with 416 and no content, {@code If-Range}
 * falling back to the whole object, HEAD with the headers alone. Spring does the parsing and writing
 * ({@link ServletWebRequest#checkNotModified}, {@link HttpRange}, the resource converters); this adds what it leaves
 * out: {@code If-None-Match: *}, {@code If-Range}, and serving the satisfiable part of a range set.
 */
@Component
class MediaDelivery {

    /** Content never changes under an id, so it may be cached for a year. */
    private static final CacheControl FOREVER =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final ResourceHttpMessageConverter whole = new ResourceHttpMessageConverter(true);
    private final ResourceRegionHttpMessageConverter regions = new ResourceRegionHttpMessageConverter();
    private final ApiErrorWriter errors;

    MediaDelivery(ApiErrorWriter errors) {
        this.errors = errors;
    }

    void send(
            HttpServletRequest request,
            HttpServletResponse response,
            Resource content,
            MediaType type,
            String etag,
            Instant lastModified)
            throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, FOREVER.getHeaderValue());
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader("X-Content-Type-Options", "nosniff");
        long modified = lastModified.toEpochMilli();
        if (noneMatchesAnything(request)) {
            // a stored object always exists, so "*" always matches; Spring compares it like a tag and never does
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            response.setHeader(HttpHeaders.ETAG, etag);
            response.setDateHeader(HttpHeaders.LAST_MODIFIED, modified);
            return;
        }
        if (new ServletWebRequest(request, response).checkNotModified(etag, modified)) {
            return;
        }
        long length = content.contentLength();
        List<HttpRange> ranges = requestedRanges(request, etag, modified);
        if (!ranges.isEmpty()) {
            List<ResourceRegion> satisfiable = satisfiable(ranges, content, length);
            if (satisfiable.isEmpty()) {
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + length);
                errors.write(
                        request, response, ApiError.forStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE));
                return;
            }
            // ranges that overlap or add up to more than the object are answered with the object itself
            if (satisfiable.stream().mapToLong(ResourceRegion::getCount).sum() <= length) {
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                regions.write(satisfiable, type, new ServletServerHttpResponse(response));
                return;
            }
        }
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            response.setContentType(type.toString());
            response.setContentLengthLong(length);
            return;
        }
        whole.write(content, type, new ServletServerHttpResponse(response));
    }

    private static boolean noneMatchesAnything(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        while (values.hasMoreElements()) {
            if (ETag.parse(values.nextElement()).stream().anyMatch(ETag::isWildcard)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ranges to serve, or none for the whole object: ranges are defined for GET only, a header that does not parse
     * (or asks for more than Spring's limit of ranges) is ignored as RFC 9110 allows, and so is one whose
     * {@code If-Range} no longer holds.
     */
    private static List<HttpRange> requestedRanges(HttpServletRequest request, String etag, long modified) {
        String range = request.getHeader(HttpHeaders.RANGE);
        if (range == null || !HttpMethod.GET.matches(request.getMethod()) || !ifRangeHolds(request, etag, modified)) {
            return List.of();
        }
        try {
            return HttpRange.parseRanges(range);
        } catch (IllegalArgumentException invalid) {
            return List.of();
        }
    }

    /** RFC 9110 13.1.5: a strong comparison with the tag, or exactly the last modification date. */
    private static boolean ifRangeHolds(HttpServletRequest request, String etag, long modified) {
        String condition = request.getHeader(HttpHeaders.IF_RANGE);
        if (condition == null) {
            return true;
        }
        String value = condition.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            ETag tag = ETag.create(value);
            return !tag.weak() && tag.compare(ETag.create(etag), true);
        }
        try {
            return request.getDateHeader(HttpHeaders.IF_RANGE) == modified / 1000 * 1000;
        } catch (IllegalArgumentException notADate) {
            return false;
        }
    }

    /** The ranges that start inside the object, as regions of it; those past its end are left out. */
    private static List<ResourceRegion> satisfiable(List<HttpRange> ranges, Resource content, long length) {
        List<ResourceRegion> result = new ArrayList<>();
        for (HttpRange range : ranges) {
            if (length > 0 && range.getRangeStart(length) < length) {
                result.add(range.toResourceRegion(content));
            }
        }
        return result;
    }
}
