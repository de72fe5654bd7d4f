package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.IntStream;

/** The id each API request carries in its response headers, its errors and, later, its usage row. */
public final class RequestIds {

    static final String ATTRIBUTE = RequestIds.class.getName();
    /**
     * Ids stay unpredictable, but not behind one lock: the platform's default generator reads the system's random
     * device under a global lock on every call, and thousands of requests arriving together queued on it. Each of these
     * generators (the JDK's DRBG, seeded once) serves the threads whose id picks it.
     */
    private static final SecureRandom[] RANDOMS =
            IntStream.range(0, 16).mapToObj(i -> drbg()).toArray(SecureRandom[]::new);

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
        RANDOMS[(int) (Thread.currentThread().threadId() & (RANDOMS.length - 1))].nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK's DRBG is missing", e);
        }
    }
}
