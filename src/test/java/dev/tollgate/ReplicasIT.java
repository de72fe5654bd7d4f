package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.LoadBalancer;
import dev.tollgate.support.PackagedApp;
import dev.tollgate.support.RedisServer;
import dev.tollgate.support.S3ProxyServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas of the packaged application on one PostgreSQL, one Redis and one S3-compatible store (real servers:
 * PostgreSQL from Maven Central, Debian's redis-server, S3Proxy), with the production balancer configuration (Debian's
 * nginx) in front: what one replica does, the other sees at once, and the money adds up when calls split over both.
 * Both replicas start together on an empty database, as {@code docker compose --profile production up} starts them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final String LEASES_ONLY = """
            select count(*) filter (where lease) > 0 and count(*) filter (where not lease) = 0
            from credit_hold where team_id = ?::uuid""";
    private static final String HELD_AND_OPEN = """
            select held + (select count(*) from credit_hold where team_id = ?::uuid and status = 'HELD')
            from credit_account where team_id = ?::uuid""";

    private static final String MODEL = "aws/claude-haiku-4-5";
    private static final String BUCKET = "tollgate-media";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofSeconds(240);
    private static final String METRICS_TOKEN = "replicas-metrics-token";
    /** How long a key change may take to reach the other replica: it travels with the commit, in milliseconds. */
    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Receiver receiver = new Receiver();

    private Path work;
    private EmbeddedPostgres postgres;
    private RedisServer redis;
    private S3ProxyServer s3;
    private PackagedApp a;
    private PackagedApp b;
    private LoadBalancer balancer;
    private JdbcClient db;
    private AdminApiClient admin;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("tollgate-replicas");
        postgres = EmbeddedPostgres.builder().start();
        db = JdbcClient.create(postgres.getPostgresDatabase());
        redis = RedisServer.start();
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        Map<String, String> shared = new HashMap<>(s3.environment(BUCKET));
        shared.putAll(Map.of(
                "SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "TOLLGATE_REDIS_URL", redis.url(),
                "TOLLGATE_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                "TOLLGATE_FETCH_ALLOWED_ENDPOINTS", receiver.endpoint(),
                "TOLLGATE_WEBHOOK_LEASE", "3s",
                "TOLLGATE_SIMULATOR_FIRST_TOKEN_DELAY", "0ms",
                "TOLLGATE_SIMULATOR_TOKENS_PER_SECOND", "2000",
                "TOLLGATE_SIMULATOR_VIDEO_DELAY", "2s"));
        shared.put("TOLLGATE_SIMULATOR_IMAGE_DELAY", "0s");
        shared.put("TOLLGATE_VIDEO_POLL_INTERVAL", "200ms");
        shared.put("TOLLGATE_WEBHOOK_POLL_INTERVAL", "200ms");
        shared.put("TOLLGATE_METRICS_TOKEN", METRICS_TOKEN);
        // both at once on the empty database: migrations, the first administrator and the simulator's channel race
        a = PackagedApp.start(Files.createDirectory(work.resolve("a")), PackagedApp.freePort(), shared);
        b = PackagedApp.start(Files.createDirectory(work.resolve("b")), PackagedApp.freePort(), shared);
        a.awaitReady(START);
        b.awaitReady(START);
        balancer = LoadBalancer.start(
                Files.createDirectory(work.resolve("nginx")), PackagedApp.freePort(), List.of(a.port(), b.port()));
        admin = new AdminApiClient(a.port(), IntegrationTest.MASTER_KEY);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {balancer, a, b, s3, redis, postgres, receiver}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void aKeyRevokedOnOneReplicaIsRefusedOnTheOtherAtOnce() throws Exception {
        String team = admin.createFundedTeam("Revoked", "5.00");
        JsonNode key = admin.createKey(team, "{\"name\":\"leaving\"}");
        String secret = key.get("key").asString();
        assertThat(chat(b, secret).statusCode())
                .as("the key works on B, which now has it cached")
                .isEqualTo(200);

        assertThat(admin.delete("/admin/v1/keys/" + key.get("id").asString()).status())
                .isEqualTo(204);

        long revoked = System.nanoTime();

        HttpResponse<String> refused = chat(b, secret);
        while (refused.statusCode() == 200 && System.nanoTime() - revoked < PROPAGATION.toNanos()) {
            Thread.sleep(10);
            refused = chat(b, secret);
        }
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        System.out.printf(
                "ReplicasIT: a key revoked on A was refused on B %d ms after the revocation answered%n",
                (System.nanoTime() - revoked) / 1_000_000);
    }

    @Test
    @Order(2)
    void aKeysRequestsPerMinuteHoldAcrossBothReplicas() throws Exception {
        String team = admin.createFundedTeam("Limited", "5.00");
        String secret = admin.createKey(team, "{\"name\":\"six a minute\",\"rpm\":6}")
                .get("key")
                .asString();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(chat(i % 2 == 0 ? a : b, secret).statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 429, 429);
        HttpResponse<String> refused = chat(a, secret);
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    @Order(3)
    void parallelRequestsSplitOverBothNeverOverdrawAThinBalanceAndSettleExactly() throws Exception {
        String probeTeam = admin.createFundedTeam("Priced", "1.00");
        String probe =
                admin.createKey(probeTeam, "{\"name\":\"price\"}").get("key").asString();
        assertThat(chat(a, probe).statusCode()).isEqualTo(200);
        BigDecimal oneCall = new BigDecimal("1.00").subtract(balance(probeTeam));
        assertThat(oneCall).isPositive();
        // enough for about 30 of the 100 calls
        String team = admin.createFundedTeam(
                "Thin", oneCall.multiply(BigDecimal.valueOf(30)).toPlainString());
        String secret = admin.createKey(team, "{\"name\":\"busy\"}").get("key").asString();
        BigDecimal start = balance(team);

        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                PackagedApp replica = i % 2 == 0 ? a : b;
                calls.add(clients.submit(() -> {
                    go.await();
                    return chat(replica, secret);
                }));
            }
            go.countDown();
        }

        List<String> served = new ArrayList<>();
        for (Future<HttpResponse<String>> call : calls) {
            HttpResponse<String> reply = call.get();
            assertThat(reply.statusCode()).as(reply.body()).isIn(200, 402);
            if (reply.statusCode() == 200) {
                served.add(reply.headers().firstValue("x-request-id").orElseThrow());
            }
        }
        BigDecimal end = balance(team);
        assertThat(end).as("never below zero").isNotNegative();
        assertThat(served).as("the thin balance ran out").hasSizeBetween(1, 99);
        assertThat(start.subtract(end))
                .as("what the served calls cost, to the last decimal")
                .isEqualByComparingTo(
                        db.sql("select coalesce(sum(total_cost), 0) from usage_record" + " where request_id = any(?)")
                                .param(served.toArray(String[]::new))
                                .query(BigDecimal.class)
                                .single());
        assertThat(db.sql(LEASES_ONLY).param(team).query(Boolean.class).single())
                .as("the calls reserved from credit leases, no hold row of their own")
                .isTrue();
        assertThat(heldOnceLeasesIdle(team))
                .as("every lease given back once idle, on both replicas: nothing held")
                .isEqualByComparingTo("0");
        assertThat(end)
                .as("the balance is the sum of the ledger")
                .isEqualByComparingTo(db.sql("select sum(amount) from ledger_entry where team_id = ?::uuid")
                        .param(team)
                        .query(BigDecimal.class)
                        .single());
        assertThat(rolledUpOnceNoneWaiting(team))
                .as("both replicas' roll-ups left no row waiting and added each one once: requests and spend")
                .isEqualTo(db.sql("select count(*) || ' ' || sum(total_cost) from usage_record where team_id = ?::uuid")
                        .param(team)
                        .query(String.class)
                        .single());
    }

    @Test
    @Order(4)
    void aKeysLoweredBudgetHoldsOnTheReplicaThatHadLeasedUnderTheOldOne() throws Exception {
        String team = admin.createFundedTeam("Lowered", "5.00");
        JsonNode key = admin.createKey(team, "{\"name\":\"lowered\",\"budget\":\"1.00\"}");
        String secret = key.get("key").asString();
        for (int i = 0; i < 3; i++) {
            assertThat(chat(b, secret).statusCode()).isEqualTo(200);
        }
        BigDecimal spent = keySpent(key);
        BigDecimal oneCall = spent.divide(BigDecimal.valueOf(3), 9, RoundingMode.UP);
        assertThat(db.sql("select amount from credit_hold where api_key_id = ?::uuid and lease and status = 'HELD'")
                        .param(key.get("id").asString())
                        .query(BigDecimal.class)
                        .single())
                .as("B leased far more than three more calls")
                .isGreaterThan(oneCall.multiply(BigDecimal.valueOf(10)));
        BigDecimal lowered = spent.add(oneCall.multiply(BigDecimal.valueOf(3)));

        AdminApiClient.Reply changed = admin.patch(
                "/admin/v1/keys/" + key.get("id").asString(), "{\"budget\":\"" + lowered.toPlainString() + "\"}");
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        Thread.sleep(PROPAGATION);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(chat(b, secret).statusCode());
        }
        assertThat(statuses).as("B stopped at the new budget").contains(402);
        assertThat(keySpent(key))
                .as("the key spent no more than its new budget, though B's lease had room for more")
                .isLessThanOrEqualTo(lowered);
    }

    private BigDecimal keySpent(JsonNode key) {
        return db.sql("select spent from key_budget where api_key_id = ?::uuid")
                .param(key.get("id").asString())
                .query(BigDecimal.class)
                .single();
    }

    @Test
    @Order(5)
    void eachVideoJobIsClaimedOnceThoughBothReplicasWork() throws Exception {
        String team = admin.createFundedTeam("Videos", "20.00");
        String secret = admin.createKey(team, "{\"name\":\"films\"}").get("key").asString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> created = post(
                    i % 2 == 0 ? a : b,
                    "/v1/videos",
                    secret,
                    "{\"model\":\"enterprise/seedance-1-5-pro\",\"prompt\":\"Take " + i
                            + " of a harbour at dawn\",\"seconds\":\"4\",\"size\":\"720x1280\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            ids.add(JSON.readTree(created.body()).get("id").asString());
        }

        Instant deadline = Instant.now().plusSeconds(120);
        while (db.sql("select count(*) from video_job where id = any(?) and status = 'COMPLETED'")
                        .param(ids.toArray(String[]::new))
                        .query(Long.class)
                        .single()
                < ids.size()) {
            assertThat(Instant.now()).as("every video is made").isBefore(deadline);
            Thread.sleep(250);
        }
        assertThat(db.sql("select attempts from video_job where id = any(?)")
                        .param(ids.toArray(String[]::new))
                        .query(Integer.class)
                        .list())
                .as("no job was claimed a second time")
                .containsOnly(1);
        assertThat(db.sql("select count(distinct video_media_id) from video_job where id = any(?)")
                        .param(ids.toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(ids.size());
    }

    @Test
    @Order(6)
    void anImageWrittenThroughOneReplicaIsServedByTheOther() throws Exception {
        String team = admin.createFundedTeam("Pictures", "5.00");
        String secret =
                admin.createKey(team, "{\"name\":\"camera\"}").get("key").asString();
        HttpResponse<String> generated = post(
                a, "/v1/images/generations", secret, "{\"model\":\"enterprise/image-2\",\"prompt\":\"A red kite\"}");
        assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
        URI url = URI.create(
                JSON.readTree(generated.body()).get("data").get(0).get("url").asString());

        HttpResponse<byte[]> onA = get(a, url.getPath());
        HttpResponse<byte[]> onB = get(b, url.getPath());

        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(onB.body()).isEqualTo(onA.body());
        String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        assertThat(s3.keys(BUCKET)).anySatisfy(key -> assertThat(key).endsWith(name));
    }

    @Test
    @Order(7)
    void theBalancerSpreadsCallsOverBothReplicas() throws Exception {
        String team = admin.createFundedTeam("Balanced", "5.00");
        String secret =
                admin.createKey(team, "{\"name\":\"spread\"}").get("key").asString();
        Map<Integer, Long> before = balancer.requestsPerReplica();
        // concurrent calls: least_conn sends a call to whichever replica has fewer open ones
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                calls.add(clients.submit(() -> chat(balancer.port(), secret)));
            }
        }
        for (Future<HttpResponse<String>> call : calls) {
            assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(200);
        }
        Map<Integer, Long> after = balancer.requestsPerReplica();
        assertThat(after.getOrDefault(a.port(), 0L)).isGreaterThan(before.getOrDefault(a.port(), 0L));
        assertThat(after.getOrDefault(b.port(), 0L)).isGreaterThan(before.getOrDefault(b.port(), 0L));
        assertThat(okCalls(a) + okCalls(b))
                .as("each replica counts the calls it served; together, every one")
                .isGreaterThanOrEqualTo(20);
        assertThat(get(balancer.port(), "/actuator/prometheus").statusCode())
                .as("metrics are scraped per replica, not through the balancer")
                .isEqualTo(404);
    }

    /** The replica's count of chat calls served, summed over its series, from a scrape with the metrics token. */
    /** The team's held credit, plus one for each hold or lease still held. */
    private BigDecimal heldAndOpen(String team) {
        return db.sql(HELD_AND_OPEN).params(team, team).query(BigDecimal.class).single();
    }

    /** What the team holds once its leases were given back: they go back after two idle seconds. */
    /** The team's stored daily roll-ups (requests and spend) once no row of its usage waits for a roll-up. */
    private String rolledUpOnceNoneWaiting(String team) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (db.sql("""
                        select count(*) from usage_unrolled w join usage_record u on u.id = w.usage_id
                        where u.team_id = ?::uuid""").param(team).query(Long.class).single() > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        return db.sql("select sum(requests) || ' ' || sum(total_cost) from usage_daily where team_id = ?::uuid")
                .param(team)
                .query(String.class)
                .single();
    }

    private BigDecimal heldOnceLeasesIdle(String team) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        BigDecimal held;
        while ((held = heldAndOpen(team)).signum() != 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        return held;
    }

    private double okCalls(PackagedApp replica) throws IOException, InterruptedException {
        HttpResponse<String> scrape = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + METRICS_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body()
                .lines()
                .filter(line -> line.startsWith("tollgate_requests_total{") && line.contains("outcome=\"ok\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Last: it kills the replica holding the event. */
    @Test
    @Order(8)
    void aWebhookEventIsDeliveredOnceWhenTheReplicaHoldingItIsKilled() throws Exception {
        String team = admin.createFundedTeam("Alerted", "5.00");
        URI hook = receiver.hook();
        assertThat(admin.put("/admin/v1/teams/" + team + "/webhook", "{\"url\":\"" + hook + "\"}")
                        .status())
                .isEqualTo(201);
        String probe = admin.createKey(team, "{\"name\":\"probe\"}").get("key").asString();
        BigDecimal before = balance(team);
        HttpResponse<String> priced = chat(a, probe);
        assertThat(priced.statusCode()).as(priced.body()).isEqualTo(200);
        BigDecimal oneCall = before.subtract(balance(team));
        String budget = oneCall.multiply(BigDecimal.TEN).toPlainString();
        String secret = admin.createKey(team, "{\"name\":\"budgeted\",\"budget\":\"" + budget + "\"}")
                .get("key")
                .asString();

        // spend until the 80% alert is raised; its first post is held open by the receiver
        for (int i = 0; i < 12 && receiver.posts().isEmpty(); i++) {
            chat(i % 2 == 0 ? a : b, secret);
            Thread.sleep(100);
        }
        Receiver.Post first = receiver.awaitPosts(1, Duration.ofSeconds(20)).getFirst();
        String holder = db.sql("select claimed_by from webhook_outbox where event_id = ?::uuid")
                .param(first.eventId())
                .query(String.class)
                .single();
        PackagedApp holding = holder.contains("-" + a.pid() + "-") ? a : b;
        PackagedApp other = holding == a ? b : a;
        assertThat(holder).as("the event is held by one of the replicas").contains("-" + holding.pid() + "-");

        holding.kill();
        receiver.release();

        Instant deadline = Instant.now().plusSeconds(30);
        while (!"delivered".equals(state(first.eventId()))) {
            assertThat(Instant.now()).as("the other replica delivers the event").isBefore(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(2_000);
        Map<String, Long> delivered = receiver.deliveredPerEvent();
        assertThat(delivered.get(first.eventId()))
                .as("one 2xx answer for the event")
                .isEqualTo(1L);
        assertThat(delivered.values())
                .as("no event delivered twice: %s", delivered)
                .containsOnly(1L);
        assertThat(db.sql("select claimed_by from webhook_outbox where event_id = ?::uuid")
                        .param(first.eventId())
                        .query(String.class)
                        .single())
                .contains("-" + other.pid() + "-");

        // and the balancer sends every call to the replica left
        String spare = admin.createKey(team, "{\"name\":\"after\"}").get("key").asString();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> served = chat(balancer.port(), spare);
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        }
    }

    private String state(String eventId) {
        return db.sql("select state from webhook_outbox where event_id = ?::uuid")
                .param(eventId)
                .query(String.class)
                .single();
    }

    private BigDecimal balance(String team) {
        return new BigDecimal(
                admin.get("/admin/v1/teams/" + team).body().get("balance").asString());
    }

    private HttpResponse<String> chat(PackagedApp replica, String key) throws IOException, InterruptedException {
        return chat(replica.port(), key);
    }

    private HttpResponse<String> chat(int port, String key) throws IOException, InterruptedException {
        return post(
                port,
                "/v1/chat/completions",
                key,
                "{\"model\":\"" + MODEL + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private HttpResponse<String> post(PackagedApp replica, String path, String key, String json)
            throws IOException, InterruptedException {
        return post(replica.port(), path, key, json);
    }

    private HttpResponse<String> post(int port, String path, String key, String json)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(PackagedApp replica, String path) throws IOException, InterruptedException {
        return get(replica.port(), path);
    }

    private HttpResponse<byte[]> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * A webhook receiver that holds the first post of each event open until released, as a slow receiver would, and
     * answers every later one with 200.
     */
    private static final class Receiver implements AutoCloseable {

        record Post(String eventId, int answered) {}

        private final HttpServer server;
        private final List<Post> posts = new CopyOnWriteArrayList<>();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final CountDownLatch released = new CountDownLatch(1);

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hook", this::receive);
            server.start();
        }

        String endpoint() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        URI hook() {
            return URI.create("http://" + endpoint() + "/hook");
        }

        private void receive(HttpExchange exchange) throws IOException {
            String event = exchange.getRequestHeaders().getFirst("X-Tollgate-Event-Id");
            exchange.getRequestBody().readAllBytes();
            if (seen.add(event)) {
                posts.add(new Post(event, 0));
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // the replica that sent it is gone by now; nothing reads this answer
                exchange.close();
                return;
            }
            posts.add(new Post(event, 200));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }

        List<Post> posts() {
            return List.copyOf(posts);
        }

        List<Post> awaitPosts(int count, Duration patience) throws InterruptedException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (posts.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(posts).as("posts received").hasSizeGreaterThanOrEqualTo(count);
            return posts();
        }

        void release() {
            released.countDown();
        }

        Map<String, Long> deliveredPerEvent() {
            Map<String, Long> delivered = new HashMap<>();
            for (Post post : posts) {
                if (post.answered() == 200) {
                    delivered.merge(post.eventId(), 1L, Long::sum);
                }
            }
            return delivered;
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
        }
    }
}
