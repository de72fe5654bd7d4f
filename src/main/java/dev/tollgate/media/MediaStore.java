package dev.tollgate.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * Where media bytes are kept, by key. Files are first written to a local staging file and then handed over whole, so
 * a reader never sees half an image and a failed request leaves nothing behind.
 */
public interface MediaStore {

    /** A new empty local file to write an object to before {@link #put}. */
    Path stagingFile() throws IOException;

    /** Takes over the staged file as the object {@code key} (the staging file is gone afterwards). */
    void put(String key, Path staged) throws IOException;

    /** The object, readable as often as needed, or empty when there is none. */
    Optional<Resource> get(String key);

    /** Removes the object if it exists. */
    void delete(String key) throws IOException;
}
