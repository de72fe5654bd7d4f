package dev.tollgate.support;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.money.Credits;
import java.util.UUID;

/**
 * Spends on a key through billing's own doors, as calls do, so budget crossings follow: a fixed-price charge paid up
 * front, or a chat call's hold settled for what it used. Either takes the amount from the team's balance too.
 */
public class KeySpender {

    private final PrepaidCharges charges;
    private final CreditHolds holds;
    private final Actors actors;

    public KeySpender(PrepaidCharges charges, CreditHolds holds, Actors actors) {
        this.charges = charges;
        this.holds = holds;
        this.actors = actors;
    }

    /** A fixed-price request of the key, paid up front. */
    public void prepaid(TeamId team, ApiKeyId key, Credits amount) {
        actors.asPlatformAdmin(() -> charges.charge(team, key, "req_" + UUID.randomUUID(), amount, "Test charge"));
    }

    /** A chat call of the key that used exactly what it held. */
    public void chat(TeamId team, ApiKeyId key, Credits amount) {
        actors.asPlatformAdmin(() -> {
            Hold hold = holds.reserve(team, key, "req_" + UUID.randomUUID(), amount);
            return holds.settle(hold, amount, "Test chat");
        });
    }
}
