package dev.tollgate.provider.openai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A {@code multipart/form-data} body as OpenAI's image edits and video creation take it: text fields and file parts,
 * separated by a random boundary. Names and file names are the adapter's own, never the caller's.
 */
final class MultipartBody {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    MultipartBody() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.boundary = "tollgate-" + HexFormat.of().formatHex(random);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    MultipartBody field(String name, String value) {
        startPart("Content-Disposition: form-data; name=\"" + name + "\"");
        write(value.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(CRLF);
        return this;
    }

    MultipartBody file(String name, String fileName, String contentType, byte[] bytes) {
        startPart("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType);
        write(bytes);
        body.writeBytes(CRLF);
        return this;
    }

    /** The whole body, closed with the final boundary. */
    byte[] toBytes() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
        whole.writeBytes(body.toByteArray());
        whole.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return whole.toByteArray();
    }

    private void startPart(String headers) {
        write(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        body.writeBytes(bytes);
    }
}
