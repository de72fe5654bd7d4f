package dev.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.Books;
import dev.tollgate.support.ChargesOfEveryKind;
import dev.tollgate.support.IntegrationTest;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** What a key has spent, as the admin API lists it, is everything its team was charged for the key's requests. */
@IntegrationTest
class KeySpendingTests {

    private static final BigDecimal TOP_UP = new BigDecimal("10.00");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "key body {0}")
    @ValueSource(strings = {"{\"name\":\"no budget\"}", "{\"name\":\"budgeted\",\"budget\":\"8.00\"}"})
    void aKeySpentWhatItsChatsImagesAndVideosCostLessWhatWasRefunded(String keyBody) throws Exception {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam("Key spending", TOP_UP.toPlainString());
        String key = admin.createKey(team, keyBody).get("key").asString();

        ChargesOfEveryKind.makeWith(port, key);

        BigDecimal paid = TOP_UP.subtract(balance(team));
        assertThat(paid)
                .as("a chat, an image at 0.16 and a video at 0.60 were paid; the broken edit was refunded")
                .isGreaterThan(new BigDecimal("0.76"))
                .isLessThan(new BigDecimal("0.77"));
        assertThat(refunds(team)).as("the refund happened").isEqualByComparingTo("0.16");
        JsonNode listed = admin.get("/admin/v1/teams/" + team + "/keys")
                .body()
                .get("data")
                .get(0);
        assertThat(new BigDecimal(listed.get("spent").asString()))
                .as("spent is everything the key was charged, refunds taken off")
                .isEqualByComparingTo(paid);
    }

    private BigDecimal balance(String team) {
        return new Books(jdbc).balance(Books.team(team));
    }

    private BigDecimal refunds(String team) {
        return new Books(jdbc).refunds(Books.team(team));
    }
}
