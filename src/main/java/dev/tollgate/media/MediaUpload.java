package dev.tollgate.media;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An object being written: a staged local file, its SHA-256 and its length computed on the way in. Hand it to
 * {@link MediaService#store} when it is complete, or to {@link MediaService#discard}.
 */
public final class MediaUpload {

    private final Path staged;
    private final MessageDigest digest;
    private long length;
    private boolean open;

    MediaUpload(Path staged) {
        this.staged = staged;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** The stream to write the object to; close it when done. One stream per upload. */
    public OutputStream stream() throws IOException {
        if (open || length > 0) {
            throw new IllegalStateException("An upload is written once");
        }
        open = true;
        OutputStream file = Files.newOutputStream(staged);
        return new FilterOutputStream(new DigestOutputStream(file, digest)) {
            @Override
            public void write(byte[] bytes, int offset, int count) throws IOException {
                out.write(bytes, offset, count);
                length += count;
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                length++;
            }

            @Override
            public void close() throws IOException {
                super.close();
                open = false;
            }
        };
    }

    Path staged() {
        return staged;
    }

    long length() {
        return length;
    }

    String checksum() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
