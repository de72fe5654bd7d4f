package dev.tollgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Parses a {@code multipart/form-data} body back into its parts, the way a server would, to check what was sent. */
final class MultipartParts {

    record Part(
            String name,
            @Nullable String fileName,
            @Nullable String contentType,
            byte[] content) {

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

    private MultipartParts() {}

    static List<Part> parse(String contentType, byte[] body) {
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
        // Latin-1 keeps every byte as one char, so file contents survive the round trip
        String text = "\r\n" + new String(body, StandardCharsets.ISO_8859_1);
        String[] segments = text.split(Pattern.quote("\r\n--" + boundary), -1);
        assertThat(segments[0]).as("nothing before the first boundary").isEmpty();
        assertThat(segments[segments.length - 1])
                .as("closed with the final boundary")
                .isEqualTo("--\r\n");
        List<Part> parts = new ArrayList<>();
        for (int i = 1; i < segments.length - 1; i++) {
            String segment = segments[i];
            assertThat(segment).startsWith("\r\n");
            int split = segment.indexOf("\r\n\r\n", 2);
            String headers = segment.substring(2, split);
            byte[] content = segment.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
            String disposition = null;
            String partType = null;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-disposition:")) {
                    disposition = line;
                } else if (line.toLowerCase().startsWith("content-type:")) {
                    partType = line.substring(13).strip();
                }
            }
            assertThat(disposition).as("every part has a disposition").startsWith("Content-Disposition: form-data;");
            parts.add(new Part(group(NAME, disposition), groupOrNull(FILE_NAME, disposition), partType, content));
        }
        return parts;
    }

    static Part only(List<Part> parts, String name) {
        List<Part> named =
                parts.stream().filter(part -> part.name().equals(name)).toList();
        assertThat(named).as("one part named %s", name).hasSize(1);
        return named.getFirst();
    }

    private static String group(Pattern pattern, String text) {
        String found = groupOrNull(pattern, text);
        assertThat(found).isNotNull();
        return found;
    }

    private static @Nullable String groupOrNull(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
