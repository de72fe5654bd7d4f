/**
 * Team balances and the append-only ledger behind them. Every change of a balance is one atomic conditional update
 * plus one ledger row in the same transaction, so the balance always equals the sum of the ledger and never goes
 * below zero.
 */
@NullMarked
package dev.tollgate.billing;

import org.jspecify.annotations.NullMarked;
