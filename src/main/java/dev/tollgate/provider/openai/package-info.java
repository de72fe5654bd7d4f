/**
 * The {@code openai-compatible} channel: OpenAI's Chat Completions (always streamed), Images (generations and
 * multipart edits) and Videos APIs, as OpenAI serves them and as the many services that copy them do; and its
 * Responses API, relayed as sent, for channels marked as speaking it.
 */
@NullMarked
package dev.tollgate.provider.openai;

import org.jspecify.annotations.NullMarked;
