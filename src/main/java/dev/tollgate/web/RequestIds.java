package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The id each API request carries in its response headers, its errors and, later, its usage row. */
public final class RequestIds {

    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id instanceof String existing) {
            return existing;
        }
        String created = next();
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }

    /** A fresh id for work that does not arrive as an HTTP request (the playground). */
    public static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
