package dev.tollgate.media;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where media bytes live ({@code tollgate.media.*}).
 *
 * @param directory the filesystem media store's root; {@code media} under the data directory by default
 * @param thumbnailSize the longest side of gallery thumbnails, in pixels
 */
@ConfigurationProperties("tollgate.media")
public record MediaProperties(
        @DefaultValue("./data/media") Path directory,
        @DefaultValue("384") int thumbnailSize) {

    public MediaProperties {
        if (thumbnailSize < 32 || thumbnailSize > 2048) {
            throw new IllegalArgumentException("tollgate.media.thumbnail-size is between 32 and 2048");
        }
    }
}
