package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute URLs for links the API hands out (media results). Behind a proxy that rewrites the host, set
 * {@code tollgate.public-url}; otherwise each request's own address is used.
 */
@Component
public class PublicUrls {

    private final String configured;

    PublicUrls(@Value("${tollgate.public-url:}") String configured) {
        String trimmed = configured.strip();
        this.configured = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The deployment's base URL as this request reached it, without a trailing slash. */
    public String base(HttpServletRequest request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        return ServletUriComponentsBuilder.fromContextPath(request).toUriString();
    }

    /** {@code path} (starting with {@code /}) as an absolute URL. */
    public String absolute(HttpServletRequest request, String path) {
        return base(request) + path;
    }
}
