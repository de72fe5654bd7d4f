package dev.tollgate.gateway.wire;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * Reads the beta header a dialect's callers send to turn on provider features ({@code anthropic-beta}, {@code
 * openai-beta}), so it can travel with the request. Other headers stay behind: {@code anthropic-version} is the
 * gateway's own choice towards each upstream, and organisation or project headers name the caller's account at the
 * provider, not the channel's.
 */
public final class BetaHeaders {

    private BetaHeaders() {}

    /**
     * The header's values by its lower-case name; the shared empty map when it was not sent.
     *
     * @throws dev.tollgate.web.ApiException a 400 naming the header when a value holds anything but visible ASCII and
     *     spaces, which no beta name does and no upstream request could carry
     */
    public static Map<String, List<String>> read(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return Map.of();
        }
        List<String> sent = new ArrayList<>();
        while (values.hasMoreElements()) {
            String value = values.nextElement().strip();
            if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw RequestFields.invalid(name + " must hold beta names in visible ASCII.", name);
            }
            if (!value.isEmpty()) {
                sent.add(value);
            }
        }
        return sent.isEmpty() ? Map.of() : Map.of(name, List.copyOf(sent));
    }
}
