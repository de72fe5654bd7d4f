/**
 * The team portal (Vaadin): sign-in, the layout with the team switcher and balance, and one sub-package per screen.
 * Views call the modules' services, never repositories, so the portal obeys the same rules as the API.
 */
@NullMarked
package dev.tollgate.portal;

import org.jspecify.annotations.NullMarked;
