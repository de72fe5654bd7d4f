/**
 * What every JSON API of the product shares: the error bodies the OpenAI and Anthropic SDKs understand, written in
 * the caller's dialect, and a request id on every API response.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.tollgate.web;

import org.jspecify.annotations.NullMarked;
