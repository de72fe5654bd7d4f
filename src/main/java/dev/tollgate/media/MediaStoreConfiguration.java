package dev.tollgate.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link MediaStore} {@code tollgate.media.store} names: the data directory by default, or an S3-compatible bucket
 * that every replica shares. Either way uploads are staged under the media directory first.
 */
@Configuration(proxyBeanMethods = false)
class MediaStoreConfiguration {

    @Bean
    MediaStore mediaStore(MediaProperties properties, Clock clock) throws IOException {
        Path root = properties.directory().toAbsolutePath().normalize();
        MediaStaging staging = new MediaStaging(root.resolve(".staging"), clock);
        return switch (properties.store()) {
            case FILESYSTEM -> new FileSystemMediaStore(root, staging);
            case S3 -> S3Buckets.open(properties.s3(), staging);
        };
    }
}
