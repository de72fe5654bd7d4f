/**
 * The public API under {@code /v1} and {@code /api/v1}, as the official OpenAI and Anthropic SDKs expect it:
 * {@code vai-} key authentication, the model list, each dialect's wire format read into a call and its reply written
 * back, and every refusal of the call lifecycle ({@code calls}) answered in the caller's dialect.
 */
@NullMarked
package dev.tollgate.gateway;

import org.jspecify.annotations.NullMarked;
