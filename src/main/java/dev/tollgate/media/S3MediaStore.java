package dev.tollgate.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Media in an S3-compatible bucket, so every replica reads what any of them wrote. Objects are staged in a local file
 * as with the filesystem store and uploaded whole with one PUT of known length once complete (a generated image or
 * video is far below S3's 5 GB limit for one PUT), so the bucket never holds half an object. Reads stream: an object's
 * length comes from a HEAD, its bytes from a GET opened on first read, from where the reader skipped to (a Range GET).
 */
final class S3MediaStore implements MediaStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final MediaStaging staging;

    /**
     * @param prefix what every object key starts with: empty, or a folder ending in a slash
     */
    S3MediaStore(S3Client s3, String bucket, String prefix, MediaStaging staging) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.staging = staging;
    }

    @Override
    public Path stagingFile() throws IOException {
        return staging.newFile();
    }

    @Override
    public void put(String key, Path staged) throws IOException {
        String object = objectKey(key);
        try {
            long length = Files.size(staged);
            s3.putObject(
                    put -> put.bucket(bucket)
                            .key(object)
                            .contentLength(length)
                            .contentType(MediaTypeFactory.getMediaType(key)
                                    .orElse(MediaType.APPLICATION_OCTET_STREAM)
                                    .toString()),
                    RequestBody.fromFile(staged));
        } catch (SdkException e) {
            throw new IOException("Cannot write " + object + " to bucket " + bucket + ": " + e.getMessage(), e);
        } finally {
            // the staged copy is spent either way: after a failure the caller starts again from a new upload
            Files.deleteIfExists(staged);
        }
    }

    @Override
    public Optional<Resource> get(String key) {
        String object = objectKey(key);
        try {
            HeadObjectResponse head =
                    s3.headObject(request -> request.bucket(bucket).key(object));
            return Optional.of(new S3ObjectResource(s3, bucket, object, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unreadable(object, e);
        } catch (SdkException e) {
            throw unreadable(object, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String object = objectKey(key);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(object));
        } catch (SdkException e) {
            throw new IOException("Cannot delete " + object + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private String objectKey(String key) {
        return prefix + new MediaKey(key).value();
    }

    private UncheckedIOException unreadable(String object, SdkException e) {
        return new UncheckedIOException(
                new IOException("Cannot read " + object + " from bucket " + bucket + ": " + e.getMessage(), e));
    }
}
