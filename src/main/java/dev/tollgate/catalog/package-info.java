/**
 * The model catalog: every chat, image and video model the gateway sells, with its exact price, fixed image
 * resolution and cache multipliers (reads, five-minute and one-hour writes). Seeded by Flyway from the product's price tables.
 */
@NullMarked
package dev.tollgate.catalog;

import org.jspecify.annotations.NullMarked;
