/**
 * Stored responses of the Responses API: what a team's requests with {@code store} on produced, kept per team for the
 * retention period so that {@code previous_response_id} can continue a conversation and the caller can read, list the
 * input of, or delete a response. The API itself lives in the gateway; this module only keeps and finds.
 */
@NullMarked
package dev.tollgate.responses;

import org.jspecify.annotations.NullMarked;
