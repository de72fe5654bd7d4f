/**
 * OpenAI's Responses API ({@code /v1/responses}): its body read into the chat core's request at the door, its reply
 * written back as a Response object or its event stream, and finished responses kept for {@code previous_response_id}.
 */
@NullMarked
package dev.tollgate.gateway.responses;

import org.jspecify.annotations.NullMarked;
