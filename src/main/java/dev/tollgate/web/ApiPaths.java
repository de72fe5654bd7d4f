package dev.tollgate.web;

/** Where the JSON APIs live; everything else belongs to the portal. */
public final class ApiPaths {

    /** The public API, under both prefixes the product documents. */
    public static final String[] PUBLIC = {"/v1/**", "/api/v1/**"};

    public static final String ADMIN = "/admin/v1/**";

    /** Stored images and videos, whose URLs the API hands out. */
    public static final String MEDIA = "/media/**";

    private ApiPaths() {}

    static boolean isApi(String path) {
        return path.startsWith("/v1/")
                || path.equals("/v1")
                || path.startsWith("/api/v1/")
                || path.equals("/api/v1")
                || path.startsWith("/admin/v1/")
                || path.equals("/admin/v1");
    }

    /**
     * Paths whose every answer, errors included, is JSON: the APIs, and the media URLs they hand out (fetched by SDKs
     * and scripts as often as by browsers). The path is taken as sent, so an undecodable one still counts.
     */
    static boolean answersInJson(String path) {
        return isApi(path) || path.startsWith("/media/") || path.equals("/media");
    }
}
