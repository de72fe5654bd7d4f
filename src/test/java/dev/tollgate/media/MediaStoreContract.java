package dev.tollgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.support.Measured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;

/**
 * What every {@link MediaStore} does, whichever keeps the bytes: a staged file is handed over whole and gone from
 * staging, read back as often as needed, a missing object is empty, a large object streams without being held in
 * memory, a read from the middle returns the bytes from there, and keys cannot reach outside the store.
 */
abstract class MediaStoreContract {

    private static final int LARGE = 48 * 1024 * 1024;

    /** The store under test, empty. */
    abstract MediaStore store();

    @Test
    void aStagedFileIsHandedOverWholeAndReadBackAsOftenAsNeeded() throws IOException {
        Path staged = store().stagingFile();
        Files.writeString(staged, "the bytes of an image");

        store().put("AbCdEfGhIjKlMnOpQrStUvWx.png", staged);

        assertThat(staged).as("the staging file is gone once handed over").doesNotExist();
        Resource object = store().get("AbCdEfGhIjKlMnOpQrStUvWx.png").orElseThrow();
        assertThat(object.contentLength()).isEqualTo(21);
        assertThat(object.getContentAsByteArray()).asString().isEqualTo("the bytes of an image");
        assertThat(object.getContentAsByteArray())
                .as("a second read gets the whole object again")
                .asString()
                .isEqualTo("the bytes of an image");
    }

    @Test
    void aMissingObjectIsEmpty() {
        assertThat(store().get("NoSuchObjectEverWasStored.png")).isEmpty();
    }

    @Test
    void deletingRemovesTheObjectAndDeletingAMissingOneIsFine() throws IOException {
        Path staged = store().stagingFile();
        Files.writeString(staged, "to be deleted");
        store().put("DeleteMeDeleteMeDeleteMe.jpg", staged);

        store().delete("DeleteMeDeleteMeDeleteMe.jpg");
        store().delete("DeleteMeDeleteMeDeleteMe.jpg");

        assertThat(store().get("DeleteMeDeleteMeDeleteMe.jpg")).isEmpty();
    }

    @Test
    void aLargeObjectIsStreamedWithoutBeingHeldInMemory() throws IOException {
        Path staged = store().stagingFile();
        String written = writeRandom(staged, LARGE);

        store().put("LargeVideoLargeVideoLarge.mp4", staged);
        Resource object = store().get("LargeVideoLargeVideoLarge.mp4").orElseThrow();
        Measured<String> read = Measured.of(() -> sha256(object));

        assertThat(staged).doesNotExist();
        assertThat(object.contentLength()).isEqualTo(LARGE);
        assertThat(read.result())
                .as("the bytes read back are the bytes written")
                .isEqualTo(written);
        assertThat(read.allocatedBytes())
                .as("reading a %d MB object allocates a fraction of it (%s)", LARGE / 1_000_000, read)
                .isLessThan(LARGE / 4);
    }

    @Test
    void aReadFromTheMiddleReturnsTheBytesFromThere() throws IOException {
        byte[] bytes = new byte[100_000];
        new Random(7).nextBytes(bytes);
        Path staged = store().stagingFile();
        Files.write(staged, bytes);
        store().put("SeekSeekSeekSeekSeekSeek.mp4", staged);

        Resource object = store().get("SeekSeekSeekSeekSeekSeek.mp4").orElseThrow();
        try (InputStream in = object.getInputStream()) {
            assertThat(in.skip(60_000)).isEqualTo(60_000);
            assertThat(in.readNBytes(1_000)).isEqualTo(Arrays.copyOfRange(bytes, 60_000, 61_000));
            assertThat(in.skip(10_000)).isEqualTo(10_000);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 71_000, 100_000));
        }
        try (InputStream in = object.getInputStream()) {
            assertThat(in.readNBytes(10))
                    .as("a stream closed half-read leaves the next read intact")
                    .isEqualTo(Arrays.copyOf(bytes, 10));
        }
    }

    @Test
    void keysCannotReachOutsideTheStore() {
        assertThatThrownBy(() -> store().get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().delete("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().put(".hidden", Path.of("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static String writeRandom(Path file, int length) throws IOException {
        MessageDigest digest = sha256();
        Random random = new Random(42);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < length; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
                digest.update(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Resource object) {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(object.getInputStream(), digest)) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) != -1) {
                // the digest sees every byte on the way through
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
