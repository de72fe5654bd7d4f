package dev.tollgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production profile of {@code docker-compose.yml} and the balancer's configuration agree with each other and with
 * the variables the application reads. (No container engine runs the tests; {@code ReplicasIT} runs the same balancer
 * configuration in front of two replicas on real servers.)
 */
class ComposeTopologyTests {

    private static final List<String> REPLICAS = List.of("tollgate-1", "tollgate-2");

    private static Map<String, Map<String, Object>> services;
    private static String applicationYml;
    private static String nginxConf;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        applicationYml = Files.readString(Path.of("src/main/resources/application.yml"));
        nginxConf = Files.readString(Path.of("docs/deploy/nginx.conf"));
    }

    @Test
    void theProductionProfileRunsTwoReplicasBehindABalancerOnSharedServices() {
        assertThat(services).containsKeys("postgres", "redis", "s3", "tollgate-1", "tollgate-2", "lb");
        assertThat(services.get("postgres"))
                .as("PostgreSQL serves both profiles")
                .doesNotContainKey("profiles");
        for (String name : List.of("redis", "s3", "tollgate-1", "tollgate-2", "lb")) {
            assertThat(services.get(name).get("profiles")).as(name).isEqualTo(List.of("production"));
        }

        Map<String, Object> first = environment("tollgate-1");
        assertThat(environment("tollgate-2"))
                .as("every replica is configured alike")
                .isEqualTo(first);
        assertThat(first.get("SPRING_DATASOURCE_URL")).asString().contains("//postgres:5432/");
        assertThat(first.get("TOLLGATE_REDIS_URL")).asString().startsWith("redis://redis:");
        assertThat(first.get("TOLLGATE_MEDIA_STORE")).isEqualTo("s3");
        assertThat(first.get("TOLLGATE_S3_ENDPOINT")).asString().startsWith("http://s3:");
        assertThat(first.get("TOLLGATE_SECRET_KEY"))
                .as("the key unsealing stored secrets must be given, and alike, to every replica")
                .asString()
                .startsWith("${TOLLGATE_SECRET_KEY:?");
    }

    @Test
    void everyVariableAReplicaGetsIsOneTheApplicationReads() {
        for (String replica : REPLICAS) {
            for (String variable : environment(replica).keySet()) {
                if (variable.startsWith("TOLLGATE_")) {
                    boolean read = Pattern.compile(Pattern.quote("${" + variable) + "[:}]")
                            .matcher(applicationYml)
                            .find();
                    assertThat(read)
                            .as("%s is read by application.yml", variable)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void everyReplicaStartsItsHeapAtItsFullSize() {
        for (String replica : REPLICAS) {
            String options = environment(replica).get("JAVA_TOOL_OPTIONS").toString();
            assertThat(percentage(options, "InitialRAMPercentage"))
                    .as(
                            "%s: a heap grown from a small one is marked almost continuously by G1 (decision 0071)",
                            replica)
                    .isEqualTo(percentage(options, "MaxRAMPercentage"));
        }
    }

    @Test
    void theBalancerSendsApiCallsAndThePortalToEveryReplica() {
        Matcher upstreams = Pattern.compile("upstream (\\w+) \\{([^}]*)}").matcher(nginxConf);
        int found = 0;
        while (upstreams.find()) {
            found++;
            for (String replica : REPLICAS) {
                assertThat(upstreams.group(2)).as(upstreams.group(1)).contains("server " + replica + ":8080;");
            }
        }
        assertThat(found).as("one upstream for the API, one for the portal").isEqualTo(2);
        assertThat(nginxConf).contains("ip_hash;").contains("proxy_buffering off;");
        Matcher locations = Pattern.compile("location [^{]*\\{([^}]*)}").matcher(nginxConf);
        while (locations.find()) {
            assertThat(locations.group(1))
                    .as("a location setting a header of its own would drop the server's Host and X-Forwarded-*")
                    .doesNotContain("proxy_set_header");
        }
        assertThat(services.get("lb").get("volumes").toString()).contains("./docs/deploy/nginx.conf:");
    }

    private static String percentage(String options, String flag) {
        Matcher value = Pattern.compile("-XX:" + flag + "=(\\d+(?:\\.\\d+)?)").matcher(options);
        assertThat(value.find()).as("%s sets -XX:%s", options, flag).isTrue();
        return value.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }
}
