package dev.tollgate.provider.openai;

import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.UpstreamHttp;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * A video's poster from the API's thumbnail variant, as JPEG whatever the upstream encoded it in. A video does without
 * one, so every failure here means no poster rather than a failed download.
 */
final class PosterFrames {

    private static final int POSTER_LIMIT = 16 * 1024 * 1024;

    private final UpstreamHttp http;
    private final ChannelRequests requests;

    PosterFrames(UpstreamHttp http, ChannelRequests requests) {
        this.http = http;
        this.requests = requests;
    }

    @Nullable
    byte[] of(String contentPath) {
        try (InputStream body = http.send(requests.to(contentPath + "?variant=thumbnail")
                        .header("Accept", "application/binary")
                        .GET()
                        .build())
                .body()) {
            byte[] bytes = body.readNBytes(POSTER_LIMIT + 1);
            return bytes.length > POSTER_LIMIT ? null : asJpeg(bytes);
        } catch (UpstreamException | IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static @Nullable byte[] asJpeg(byte[] bytes) throws IOException {
        if (ImageFormat.sniff(bytes).orElse(null) == ImageFormat.JPEG) {
            return bytes;
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            return null;
        }
        // JPEG has no alpha: draw onto an opaque canvas first
        BufferedImage opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = opaque.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, Color.BLACK, null);
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        return ImageIO.write(opaque, "jpg", jpeg) ? jpeg.toByteArray() : null;
    }
}
