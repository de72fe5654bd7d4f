/**
 * Google's Gemini image models (generateContent with image output) as an image channel: generations and edits, one
 * upstream call per image.
 */
@NullMarked
package dev.tollgate.provider.gemini;

import org.jspecify.annotations.NullMarked;
