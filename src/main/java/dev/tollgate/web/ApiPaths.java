package dev.tollgate.web;

/** Where the JSON APIs live; everything else belongs to the portal. */
public final class ApiPaths {

    /** The public API, under both prefixes the product documents. */
    public static final String[] PUBLIC = {"/v1/**", "/api/v1/**"};

    public static final String ADMIN = "/admin/v1/**";

    private ApiPaths() {}

    static boolean isApi(String path) {
        return path.startsWith("/v1/")
                || path.equals("/v1")
                || path.startsWith("/api/v1/")
                || path.equals("/api/v1")
                || path.startsWith("/admin/v1/")
                || path.equals("/admin/v1");
    }
}
