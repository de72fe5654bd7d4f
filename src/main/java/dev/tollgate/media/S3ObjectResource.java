package dev.tollgate.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.AbstractResource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object in a bucket whose length and date a HEAD told, readable as often as needed: each stream is a GET of its
 * own, opened at the first read from the position skipped to. Spring serves a byte range by skipping to its start and
 * reading its length, so a player seeking in a video costs a Range GET of the rest, not a download from the start.
 */
final class S3ObjectResource extends AbstractResource {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long length;
    private final @Nullable Instant lastModified;

    S3ObjectResource(S3Client s3, String bucket, String key, long length, @Nullable Instant lastModified) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.length = length;
        this.lastModified = lastModified;
    }

    @Override
    public InputStream getInputStream() {
        return new ObjectStream();
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public long lastModified() {
        return lastModified == null ? 0 : lastModified.toEpochMilli();
    }

    @Override
    public String getFilename() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    @Override
    public String getDescription() {
        return "object " + key + " in bucket " + bucket;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof S3ObjectResource that && bucket.equals(that.bucket) && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return bucket.hashCode() * 31 + key.hashCode();
    }

    private final class ObjectStream extends InputStream {

        private long position;
        private @Nullable ResponseInputStream<GetObjectResponse> body;
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (closed) {
                throw new IOException("Stream closed");
            }
            if (count == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            try {
                int read = open().read(buffer, offset, count);
                if (read > 0) {
                    position += read;
                }
                return read;
            } catch (SdkException e) {
                throw new IOException("Cannot read " + getDescription() + ": " + e.getMessage(), e);
            }
        }

        /** Before the first read, skipping only moves where the GET will start. */
        @Override
        public long skip(long count) throws IOException {
            if (count <= 0) {
                return 0;
            }
            if (body == null) {
                long skipped = Math.min(count, length - position);
                position += skipped;
                return skipped;
            }
            long skipped = body.skip(count);
            position += skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return body == null ? 0 : body.available();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (body != null) {
                if (position < length) {
                    // closing alone would read the rest of the object to reuse the connection
                    body.abort();
                }
                body.close();
            }
        }

        private InputStream open() throws IOException {
            if (body == null) {
                GetObjectRequest.Builder request =
                        GetObjectRequest.builder().bucket(bucket).key(key);
                if (position > 0) {
                    request.range("bytes=" + position + "-");
                }
                try {
                    body = s3.getObject(request.build());
                } catch (SdkException e) {
                    throw new IOException("Cannot read " + getDescription() + ": " + e.getMessage(), e);
                }
            }
            return body;
        }
    }
}
