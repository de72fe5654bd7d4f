/**
 * Stored images and videos: bytes in a {@link dev.tollgate.media.MediaStore} (the data directory by default, or an
 * S3-compatible bucket that replicas share) under unguessable ids, metadata and thumbnails, the gallery's queries, and
 * serving under {@code /media}.
 */
@NullMarked
package dev.tollgate.media;

import org.jspecify.annotations.NullMarked;
