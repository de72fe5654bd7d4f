package dev.tollgate.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for tests: S3Proxy (Maven Central, {@code org.gaul:s3proxy}) run from its self-contained
 * jar as a process of its own on a free loopback port, keeping objects in a fresh temporary directory and checking
 * AWS signatures (v2 or v4) against one identity and credential. The build copies the jar to the path in the system
 * property {@code tollgate.s3proxy.jar}. Take the JVM's {@link #shared()} one (or {@link #start()} one of your own and
 * close it), create a bucket, and give the application {@link #environment(String)} (a process) or
 * {@link #properties(String)} (a Spring test).
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String IDENTITY = "tollgate-test-identity";
    public static final String CREDENTIAL = "tollgate-test-credential";

    private static @Nullable S3ProxyServer shared;

    private final Process process;
    private final Path directory;
    private final Path log;
    private final URI endpoint;
    private final Thread stopAtExit;

    private S3ProxyServer(Process process, Path directory, Path log, URI endpoint) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.endpoint = endpoint;
        // a test JVM that ends without closing the server does not leave it running
        this.stopAtExit = new Thread(this::stop, "s3proxy-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * One server for every test of this JVM that needs one, started by the first to ask and stopped when the JVM
     * exits; each test keeps to buckets of its own.
     */
    public static synchronized S3ProxyServer shared() throws IOException, InterruptedException {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** Starts a server of its own with no buckets and waits until it answers; close it when done. */
    public static S3ProxyServer start() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("tollgate.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "No S3Proxy jar at " + jar + "; the build copies it there (./mvnw test-compile, or any test run)");
        }
        Path directory = Files.createTempDirectory("tollgate-s3proxy-");
        Path objects = Files.createDirectories(directory.resolve("objects"));
        int port = PackagedApp.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path properties = Files.writeString(
                directory.resolve("s3proxy.properties"),
                String.join(
                        "\n",
                        "s3proxy.endpoint=" + endpoint,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + IDENTITY,
                        "s3proxy.credential=" + CREDENTIAL,
                        "jclouds.provider=filesystem-nio2",
                        "jclouds.filesystem.basedir=" + objects,
                        ""));
        Path log = directory.resolve("s3proxy.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "--properties",
                        properties.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3ProxyServer server = new S3ProxyServer(process, directory, log, endpoint);
        try {
            server.awaitReady(Duration.ofSeconds(60));
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The address to give the application as {@code tollgate.media.s3.endpoint}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * What a replica's environment needs to keep its media in {@code bucket} on this server (which must exist unless
     * {@code TOLLGATE_S3_CREATE_BUCKET=true} is added).
     */
    public Map<String, String> environment(String bucket) {
        return Map.of(
                "TOLLGATE_MEDIA_STORE",
                "s3",
                "TOLLGATE_S3_BUCKET",
                bucket,
                "TOLLGATE_S3_ENDPOINT",
                endpoint.toString(),
                "TOLLGATE_S3_REGION",
                "us-east-1",
                "TOLLGATE_S3_ACCESS_KEY",
                IDENTITY,
                "TOLLGATE_S3_SECRET_KEY",
                CREDENTIAL,
                "TOLLGATE_S3_PATH_STYLE",
                "true");
    }

    /** The same as Spring properties, for {@code @DynamicPropertySource} or an application context runner. */
    public Map<String, String> properties(String bucket) {
        return Map.of(
                "tollgate.media.store",
                "s3",
                "tollgate.media.s3.bucket",
                bucket,
                "tollgate.media.s3.endpoint",
                endpoint.toString(),
                "tollgate.media.s3.region",
                "us-east-1",
                "tollgate.media.s3.access-key",
                IDENTITY,
                "tollgate.media.s3.secret-key",
                CREDENTIAL,
                "tollgate.media.s3.path-style",
                "true");
    }

    /** A plain S3 client of this server, to look at buckets the way any other S3 tool would. */
    public S3Client client() {
        return clientBuilder().build();
    }

    /** A client of this server still to be built, for a test that adds to it. */
    public S3ClientBuilder clientBuilder() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(request -> request.bucket(bucket));
        }
    }

    /** Every object key in the bucket, sorted. */
    public List<String> keys(String bucket) {
        try (S3Client s3 = client()) {
            return s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .sorted()
                    .toList();
        }
    }

    /** The bytes of one object. */
    public byte[] read(String bucket, String key) {
        try (S3Client s3 = client()) {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key))
                    .asByteArray();
        }
    }

    public String log() {
        try {
            String text = Files.readString(log);
            return text.length() <= 20_000 ? text : text.substring(text.length() - 20_000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server and removes its objects. */
    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down, and the hook stops the server
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** Any HTTP answer means it is serving: an anonymous request is refused with 403 once it is. */
    private void awaitReady(Duration patience) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                http.send(
                        HttpRequest.newBuilder(endpoint)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("S3Proxy did not answer within " + patience + ":\n" + log());
    }
}
