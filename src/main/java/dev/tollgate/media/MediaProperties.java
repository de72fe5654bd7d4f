package dev.tollgate.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where media bytes live ({@code tollgate.media.*}).
 *
 * @param store which {@link MediaStore} keeps the bytes: the data directory (the default) or an S3-compatible bucket
 * @param directory the filesystem media store's root; {@code media} under the data directory by default. Uploads are
 *     staged under it in {@code .staging} whichever store keeps them
 * @param thumbnailSize the longest side of gallery thumbnails, in pixels
 * @param s3 the bucket, when {@code store} is {@code s3}
 */
@ConfigurationProperties("tollgate.media")
public record MediaProperties(
        @DefaultValue("filesystem") Store store,
        @DefaultValue("./data/media") Path directory,
        @DefaultValue("384") int thumbnailSize,
        @DefaultValue S3 s3) {

    public MediaProperties {
        if (thumbnailSize < 32 || thumbnailSize > 2048) {
            throw new IllegalArgumentException("tollgate.media.thumbnail-size is between 32 and 2048");
        }
        if (store == Store.S3 && s3.bucket() == null) {
            throw new IllegalArgumentException(
                    "tollgate.media.store is s3, but no bucket is named: set tollgate.media.s3.bucket (TOLLGATE_S3_BUCKET)");
        }
    }

    public enum Store {
        FILESYSTEM,
        S3
    }

    /**
     * An S3-compatible bucket ({@code tollgate.media.s3.*}). Blank values count as unset, so environment variables left
     * empty fall back to the defaults.
     *
     * @param bucket the bucket's name
     * @param endpoint the store's address for S3-compatible stores (MinIO, Ceph, S3Proxy, R2, …); AWS S3 when unset
     * @param region the signing region; the SDK's region chain for AWS when unset, {@code us-east-1} with an endpoint
     * @param accessKey the access key id; the SDK's default credential chain when neither key is set
     * @param secretKey its secret, never logged or shown
     * @param pathStyle addresses the bucket in the path ({@code endpoint/bucket/key}) rather than as a host name; true
     *     by default with an endpoint (most S3-compatible stores need it), false for AWS
     * @param prefix the folder inside the bucket objects are kept under, so one bucket can hold other things too
     * @param createBucket creates the bucket at start when it does not exist, instead of refusing to start
     * @param maxConnections connections to the store at once: every media download being served holds one
     */
    public record S3(
            @Nullable String bucket,
            @Nullable String endpoint,
            @Nullable String region,
            @Nullable String accessKey,
            @Nullable String secretKey,
            @Nullable Boolean pathStyle,
            @Nullable String prefix,
            @DefaultValue("false") boolean createBucket,
            @DefaultValue("256") int maxConnections) {

        public S3 {
            bucket = blankToNull(bucket);
            endpoint = blankToNull(endpoint);
            region = blankToNull(region);
            accessKey = blankToNull(accessKey);
            secretKey = blankToNull(secretKey);
            prefix = blankToNull(prefix);
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException(
                        "tollgate.media.s3.access-key and secret-key are set together"
                                + " (TOLLGATE_S3_ACCESS_KEY, TOLLGATE_S3_SECRET_KEY), or neither for the default credential chain");
            }
            if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("tollgate.media.s3.bucket is not a bucket name: " + bucket);
            }
            if (prefix != null) {
                prefix = prefix.replaceAll("^/+|/+$", "");
                if (!prefix.matches("[A-Za-z0-9._/-]*") || prefix.contains("//") || prefix.contains("..")) {
                    throw new IllegalArgumentException("tollgate.media.s3.prefix is not a folder name: " + prefix);
                }
            }
            if (endpoint != null) {
                endpointUri(endpoint);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("tollgate.media.s3.max-connections is at least 1");
            }
        }

        /** The configured endpoint, or null for AWS S3 itself. */
        @Nullable
        URI endpointUri() {
            return endpoint == null ? null : endpointUri(endpoint);
        }

        boolean usesPathStyle() {
            return pathStyle != null ? pathStyle : endpoint != null;
        }

        /** What object keys start with: the prefix and a slash, or nothing. */
        String keyPrefix() {
            return prefix == null || prefix.isEmpty() ? "" : prefix + "/";
        }

        /** Where the bucket is, for messages: the endpoint, or AWS S3 and its region. */
        String location() {
            return endpoint != null ? endpoint : "AWS S3" + (region != null ? " (" + region + ")" : "");
        }

        @Override
        public String toString() {
            // the secret stays out of every log line and error message that prints these settings
            return "S3[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region + ", accessKey=" + accessKey
                    + ", secretKey=" + (secretKey == null ? null : "[REDACTED]") + ", pathStyle=" + pathStyle
                    + ", prefix=" + prefix + ", createBucket=" + createBucket + ", maxConnections=" + maxConnections
                    + "]";
        }

        private static URI endpointUri(String endpoint) {
            try {
                URI uri = new URI(endpoint);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException(
                            "tollgate.media.s3.endpoint is an http or https URL with a host: " + endpoint);
                }
                if (uri.getRawUserInfo() != null) {
                    // the endpoint is printed in messages; credentials belong in access-key and secret-key
                    throw new IllegalArgumentException("tollgate.media.s3.endpoint carries no user or password;"
                            + " set tollgate.media.s3.access-key and secret-key instead");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("tollgate.media.s3.endpoint is not a URL: " + endpoint, e);
            }
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
