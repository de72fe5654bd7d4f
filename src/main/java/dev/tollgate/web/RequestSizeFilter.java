package dev.tollgate.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps API request bodies. Multipart uploads have their own limits, but a JSON body (an image as base64) would
 * otherwise be read whole however large it is: one declaring a larger length is refused with 413 at once, and one
 * without a length stops being read at the cap. A {@code Content-Length} that is not a number of bytes (the container
 * takes {@code -1} for "read until the connection closes") is a 400, so no request waits for a body that never ends.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeFilter extends OncePerRequestFilter {

    /** As large as the largest multipart request, so a JSON edit can carry what an upload can. */
    static final long LARGEST_BODY = DataSize.ofMegabytes(100).toBytes();

    private final ApiErrorWriter errors;

    RequestSizeFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isByteCount(request.getHeader(HttpHeaders.CONTENT_LENGTH))) {
            errors.write(
                    request,
                    response,
                    ApiError.invalidRequest("Content-Length must be a whole number of bytes, 0 or more.", null));
            return;
        }
        if (request.getContentLengthLong() > LARGEST_BODY) {
            errors.write(request, response, tooLarge());
            return;
        }
        chain.doFilter(new CappedRequest(request), response);
    }

    private static boolean isByteCount(@Nullable String contentLength) {
        return contentLength == null
                || (!contentLength.isEmpty() && contentLength.chars().allMatch(Character::isDigit));
    }

    static ApiError tooLarge() {
        return ApiError.tooLarge("The request body is larger than "
                + DataSize.ofBytes(LARGEST_BODY).toMegabytes() + " MB.");
    }

    /** A request whose body ends with an error once more than the cap has been read. */
    private static final class CappedRequest extends HttpServletRequestWrapper {

        private ServletInputStream capped;

        CappedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                capped = new CappedStream(super.getInputStream());
            }
            return capped;
        }
    }

    private static final class CappedStream extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        CappedStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > LARGEST_BODY) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
