/**
 * Text as the database can keep it. PostgreSQL stores any Unicode text except the NUL character, and Java strings may
 * hold half a surrogate pair, which has no UTF-8 form at all; {@link dev.tollgate.text.StorableText} says which text
 * cannot be stored, so a field holding it is refused by name instead of failing deep in a write. Shared by every module
 * that stores what people type, so it depends on nothing.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.tollgate.text;

import org.jspecify.annotations.NullMarked;
