/**
 * Money as a type: {@link dev.tollgate.money.Credits} holds an exact amount of Cr$ to the nano-credit. Shared by the
 * catalog (prices), billing (balances and ledger) and keys (budgets), so it depends on nothing.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.tollgate.money;

import org.jspecify.annotations.NullMarked;
