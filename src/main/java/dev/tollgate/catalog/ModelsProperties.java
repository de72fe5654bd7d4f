package dev.tollgate.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How requested model ids the catalog does not hold are resolved ({@code tollgate.models.*}).
 *
 * @param familyRule the rule for Claude ids no model or alias has
 */
@ConfigurationProperties("tollgate.models")
record ModelsProperties(@DefaultValue FamilyRule familyRule) {

    /**
     * @param enabled whether a native Claude id of a version the catalog does not sell ({@code claude-opus-4-1},
     *     {@code claude-3-7-sonnet-20250219}) is served by the newest model of its family the catalog holds; off, such
     *     an id is an unknown model
     */
    record FamilyRule(@DefaultValue("true") boolean enabled) {}
}
