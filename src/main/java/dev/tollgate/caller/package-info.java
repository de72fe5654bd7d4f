/**
 * Who makes a model call and how it arrived: {@link dev.tollgate.caller.Caller} (request id, team, key, person, source,
 * dialect), one value carried by every call and kept with what it leaves behind (its usage row, a video job, a stored
 * image). Shared by the call lifecycle and the modules that record calls, so it depends only on the ids it holds.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.tollgate.caller;

import org.jspecify.annotations.NullMarked;
