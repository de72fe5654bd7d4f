/**
 * The life of a model call, whichever edge it enters by (the public API or the portal): admission (model, key
 * permissions, rate limit), the credit hold sized from the request, routing to an upstream, metering the reply,
 * settling exactly once and recording usage. {@link dev.tollgate.calls.ChatPipeline} is one chat call from top to
 * bottom; {@link dev.tollgate.calls.ImagePipeline} and {@link dev.tollgate.calls.VideoPipeline} do the same for
 * fixed-price requests. A call that cannot be made is refused with a {@link dev.tollgate.calls.Refusal}, which carries
 * no HTTP: each edge words it its own way.
 */
@NullMarked
package dev.tollgate.calls;

import org.jspecify.annotations.NullMarked;
