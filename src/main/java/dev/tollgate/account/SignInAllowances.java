package dev.tollgate.account;

import io.github.bucket4j.Bucket;

/** One kind of sign-in allowance, an email's or a client address's: a bucket of tries for each. */
interface SignInAllowances {

    /** The key's bucket; full for a key that spent nothing within the failure window. */
    Bucket of(String key);

    /** Gives the key all its tries back. */
    void forget(String key);
}
