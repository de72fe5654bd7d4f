package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What a batch of reservations may still take, read under the rows' locks: each team's available credit (balance less
 * held) and each budgeted key's room (budget less spent and reserved). Reservations are taken one after another in the
 * order they arrived, each deciding exactly as one reserve statement would after the ones before it: refused when its
 * key's budget is short, else refused when its team's credit is short, else granted from both.
 */
final class Headroom {

    private final Map<TeamId, BigDecimal> teams;
    private final Map<ApiKeyId, BigDecimal> keys;

    /**
     * @param teams available credit per team; a team missing here has no account and is refused
     * @param keys room per key that has a budget; a key missing here has no budget and is not limited
     */
    Headroom(Map<TeamId, BigDecimal> teams, Map<ApiKeyId, BigDecimal> keys) {
        this.teams = teams;
        this.keys = keys;
    }

    CreditHoldRepository.Reserved take(Reservation reservation) {
        BigDecimal amount = reservation.amount().amount();
        BigDecimal keyRoom = reservation.key() == null ? null : keys.get(reservation.key());
        if (keyRoom != null && keyRoom.compareTo(amount) < 0) {
            return new CreditHoldRepository.Reserved(false, false, true);
        }
        BigDecimal teamRoom = teams.get(reservation.team());
        if (teamRoom == null || teamRoom.compareTo(amount) < 0) {
            return new CreditHoldRepository.Reserved(false, false, false);
        }
        teams.put(reservation.team(), teamRoom.subtract(amount));
        if (keyRoom != null) {
            keys.put(reservation.key(), keyRoom.subtract(amount));
        }
        return new CreditHoldRepository.Reserved(true, keyRoom != null, false);
    }
}
