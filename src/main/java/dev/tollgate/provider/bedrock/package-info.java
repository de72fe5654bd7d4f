/**
 * The AWS Bedrock adapter: chat through the Converse API's streaming form ({@code ConverseStream}) with the AWS SDK's
 * async client, signed with the channel's own credentials (SigV4), its event stream bridged to a pulled
 * {@link dev.tollgate.provider.ChatStream}.
 */
@NullMarked
package dev.tollgate.provider.bedrock;

import org.jspecify.annotations.NullMarked;
