package dev.tollgate.responses;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How stored responses are kept ({@code tollgate.responses.*}).
 *
 * @param retention how long a stored response can be read or continued after it was created; 30 days, as OpenAI keeps
 *     them
 * @param purgeInterval how often expired responses are deleted
 * @param maxChain the longest conversation {@code previous_response_id} may continue, in responses, so that one
 *     request never reads an unbounded chain
 */
@ConfigurationProperties("tollgate.responses")
public record ResponsesProperties(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("1000") int maxChain) {

    public ResponsesProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("tollgate.responses.retention must be positive");
        }
        if (maxChain < 1) {
            throw new IllegalArgumentException("tollgate.responses.max-chain is at least 1");
        }
    }
}
