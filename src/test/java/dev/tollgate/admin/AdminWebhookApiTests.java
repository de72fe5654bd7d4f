package dev.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AdminApiClient.Reply;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.WebhookReceiver.Delivery;
import dev.tollgate.support.WithWebhookReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Operators set, test, rotate and clear a team's webhook through the admin API, as owners do on the overview page. */
@IntegrationTest
class AdminWebhookApiTests extends WithWebhookReceiver {

    @LocalServerPort
    int port;

    AdminApiClient admin;
    String team;
    String webhook;

    @BeforeEach
    void team() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        team = admin.createTeam("Hooked " + UUID.randomUUID().toString().substring(0, 8));
        webhook = "/admin/v1/teams/" + team + "/webhook";
    }

    @Test
    void theFirstSetShowsTheSigningSecretOnceAndATestEventArrivesSignedWithIt() throws Exception {
        URI hook = receiver.newHook();

        Reply set = admin.put(webhook, "{\"url\":\"" + hook + "\"}");
        assertThat(set.status()).isEqualTo(201);
        String secret = set.body().get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(set.body().get("maskedSecret").asString()).endsWith(secret.substring(secret.length() - 4));

        Reply read = admin.get(webhook);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("url").asString()).isEqualTo(hook.toString());
        assertThat(read.body().get("secret").isNull())
                .as("the secret is never shown again")
                .isTrue();

        Reply test = admin.post(webhook + "/test", "");
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body().get("delivered").asBoolean()).isTrue();
        Delivery delivery = receiver.await(hook, 1, Duration.ofSeconds(5)).getFirst();
        assertThat(delivery.header("X-Tollgate-Signature")).isEqualTo(signature(secret, delivery));

        Reply deliveries = admin.get(webhook + "/deliveries");
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.body().get(0).get("eventId").asString())
                .isEqualTo(delivery.header("X-Tollgate-Event-Id"));
        assertThat(deliveries.body().get(0).get("eventType").asString()).isEqualTo("webhook.test");
        assertThat(deliveries.body().get(0).get("delivered").asBoolean()).isTrue();
        assertThat(deliveries.body().get(0).get("httpStatus").asInt()).isEqualTo(200);
    }

    @Test
    void movingTheUrlKeepsTheSecretAndRotatingGivesANewOne() {
        String first = admin.put(webhook, "{\"url\":\"" + receiver.newHook() + "\"}")
                .body()
                .get("secret")
                .asString();

        URI moved = receiver.newHook();
        Reply move = admin.put(webhook, "{\"url\":\"" + moved + "\"}");
        assertThat(move.status()).isEqualTo(200);
        assertThat(move.body().get("url").asString()).isEqualTo(moved.toString());
        assertThat(move.body().get("secret").isNull()).isTrue();

        Reply rotated = admin.post(webhook + "/rotate-secret", "");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("secret").asString()).startsWith("whsec_").isNotEqualTo(first);
    }

    @Test
    void aClearedWebhookIsGoneAndItsActionsSaySo() {
        admin.put(webhook, "{\"url\":\"" + receiver.newHook() + "\"}");

        assertThat(admin.delete(webhook).status()).isEqualTo(204);

        Reply read = admin.get(webhook);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.body().get("error").get("code").asString()).isEqualTo("webhook_not_found");
        Reply test = admin.post(webhook + "/test", "");
        assertThat(test.status()).isEqualTo(400);
        assertThat(test.body().get("error").get("message").asString()).contains("no webhook");
    }

    @Test
    void anAddressInsideTheGatewaysNetworkIsRefusedNamingTheUrl() {
        Reply refused = admin.put(webhook, "{\"url\":\"http://169.254.169.254/latest/meta-data\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").get("param").asString()).isEqualTo("url");
        assertThat(admin.get(webhook).status()).isEqualTo(404);
        assertThat(admin.put(webhook, "{}").status()).as("no URL at all").isEqualTo(400);
    }

    @Test
    void anUnknownTeamIsNotFoundAndNoMasterKeyIsUnauthorised() {
        assertThat(admin.get("/admin/v1/teams/" + UUID.randomUUID() + "/webhook")
                        .status())
                .isEqualTo(404);
        assertThat(new AdminApiClient(port, null).get(webhook).status()).isEqualTo(401);
    }

    private static String signature(String secret, Delivery delivery) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = delivery.header("X-Tollgate-Timestamp") + "." + delivery.body();
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
