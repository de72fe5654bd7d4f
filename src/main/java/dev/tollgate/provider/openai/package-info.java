/**
 * The {@code openai-compatible} channel: OpenAI's Chat Completions (always streamed), Images (generations and
 * multipart edits) and Videos APIs, as OpenAI serves them and as the many services that copy them do.
 */
@NullMarked
package dev.tollgate.provider.openai;

import org.jspecify.annotations.NullMarked;
