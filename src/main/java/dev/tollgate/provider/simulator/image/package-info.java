/**
 * The simulator's pictures: generations painted from the prompt (a palette and a layered landscape seeded from its
 * digest, one motif per word, the prompt as a caption) and edits that grade and mark up a caller's image, under its
 * mask when one is given. Pictures are painted a strip of rows at a time and encoded as PNG as they go, so even a
 * 4096×4096 image never occupies more than a strip of memory.
 */
@NullMarked
package dev.tollgate.provider.simulator.image;

import org.jspecify.annotations.NullMarked;
