package dev.tollgate.fetch;

/** The kinds of address a fetch may not connect to, described the way a caller is told. */
enum ForbiddenRange {
    UNSPECIFIED("an unspecified address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private network address"),
    SHARED("a carrier-grade NAT address"),
    CLOUD_METADATA("a cloud metadata address"),
    LINK_LOCAL("a link-local address"),
    UNIQUE_LOCAL("a unique-local address"),
    MULTICAST("a multicast address"),
    BROADCAST("a broadcast address"),
    DOCUMENTATION("an address reserved for documentation"),
    BENCHMARKING("an address reserved for benchmarking"),
    TRANSITION("an IPv6 transition address"),
    RESERVED("a reserved address");

    private final String description;

    ForbiddenRange(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
