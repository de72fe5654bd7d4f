package dev.tollgate.media;

import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens the media bucket of {@code tollgate.media.s3.*}: builds the client and makes sure, before the application
 * takes a request, that the bucket is there and these credentials reach it, so a wrong setting stops the start with a
 * message naming the bucket and the endpoint rather than failing the first image. Messages never carry the secret.
 */
final class S3Buckets {

    private static final Logger log = LoggerFactory.getLogger(S3Buckets.class);

    private S3Buckets() {}

    static S3MediaStore open(MediaProperties.S3 settings, MediaStaging staging) {
        String bucket = settings.bucket();
        if (bucket == null) {
            throw new IllegalStateException(
                    "No media bucket is named: set tollgate.media.s3.bucket (TOLLGATE_S3_BUCKET)");
        }
        S3Client s3 = client(settings);
        try {
            ensureBucket(s3, bucket, settings);
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
        log.info(
                "Media is stored in bucket {} at {}{}",
                bucket,
                settings.location(),
                settings.keyPrefix().isEmpty() ? "" : " under " + settings.keyPrefix());
        return new S3MediaStore(s3, bucket, settings.keyPrefix(), staging);
    }

    private static S3Client client(MediaProperties.S3 settings) {
        URI endpoint = settings.endpointUri();
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(settings.maxConnections())
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.usesPathStyle());
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        } else if (endpoint != null) {
            // S3-compatible stores sign with a region but most ignore which
            builder.region(Region.US_EAST_1);
        }
        if (endpoint != null) {
            // other stores than AWS often refuse the trailing checksums the SDK sends by default; ask for them only
            // where an operation requires one
            builder.endpointOverride(endpoint)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new IllegalStateException(
                    "Cannot set up the media bucket " + settings.bucket() + " at " + settings.location() + ": "
                            + e.getMessage() + " (set tollgate.media.s3.region, TOLLGATE_S3_REGION)",
                    e);
        }
    }

    private static AwsCredentialsProvider credentials(MediaProperties.S3 settings) {
        String accessKey = settings.accessKey();
        String secretKey = settings.secretKey();
        if (accessKey != null && secretKey != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static void ensureBucket(S3Client s3, String bucket, MediaProperties.S3 settings) {
        String where = "The media bucket " + bucket + " at " + settings.location();
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (S3Exception e) {
            switch (e.statusCode()) {
                case 404 -> create(s3, bucket, settings, where);
                case 401, 403 ->
                    throw new IllegalStateException(
                            where + " refuses these credentials (HTTP " + e.statusCode() + "): check"
                                    + " tollgate.media.s3.access-key and secret-key (TOLLGATE_S3_ACCESS_KEY,"
                                    + " TOLLGATE_S3_SECRET_KEY) and the bucket's permissions",
                            e);
                case 301 ->
                    throw new IllegalStateException(
                            where + " is in another region than " + settings.region()
                                    + ": set tollgate.media.s3.region (TOLLGATE_S3_REGION)",
                            e);
                default ->
                    throw new IllegalStateException(
                            where + " cannot be checked (HTTP " + e.statusCode() + "): " + e.getMessage(), e);
            }
        } catch (SdkException e) {
            throw new IllegalStateException(where + " cannot be reached: " + e.getMessage(), e);
        }
    }

    private static void create(S3Client s3, String bucket, MediaProperties.S3 settings, String where) {
        if (!settings.createBucket()) {
            throw new IllegalStateException(where + " does not exist: create it, or set"
                    + " tollgate.media.s3.create-bucket=true (TOLLGATE_S3_CREATE_BUCKET) to have it created at start");
        }
        String region = settings.region();
        try {
            s3.createBucket(request -> {
                request.bucket(bucket);
                if (settings.endpoint() == null
                        && region != null
                        && !Region.US_EAST_1.id().equals(region)) {
                    // AWS creates a bucket outside us-east-1 only when told the region again
                    request.createBucketConfiguration(bucketIn -> bucketIn.locationConstraint(region));
                }
            });
            log.info("Created the media bucket {} at {}", bucket, settings.location());
        } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
            // another replica starting at the same time created it first
        } catch (SdkException e) {
            throw new IllegalStateException(where + " does not exist and cannot be created: " + e.getMessage(), e);
        }
    }
}
