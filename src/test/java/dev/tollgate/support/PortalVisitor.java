package dev.tollgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Someone at the portal with a plain HTTP client and no JavaScript: keeps its own cookies, never follows redirects,
 * and posts the sign-in form as the browser's form would. Each visitor connects from its own loopback address
 * (127.0.0.x), so sign-in failures of one test never count against another test's client address.
 */
public final class PortalVisitor {

    /** Loopback addresses handed out so far; 127.0.0.1 is left to the browser tests. */
    private static final AtomicInteger LAST_ADDRESS = new AtomicInteger(1);

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String baseUrl;
    private final String address;
    private final HttpClient http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private PortalVisitor(int port, String address) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.address = address;
        try {
            this.http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .localAddress(InetAddress.getByName(address))
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A visitor from a loopback address no other visitor of this test run uses. */
    public static PortalVisitor fromNewAddress(int port) {
        int next = LAST_ADDRESS.incrementAndGet();
        return new PortalVisitor(port, "127.0." + (next / 250) + "." + (2 + next % 250));
    }

    /** Another visitor from the same address, with cookies of its own. */
    public PortalVisitor sameAddressNewBrowser(int port) {
        return new PortalVisitor(port, address);
    }

    public String address() {
        return address;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** The token the sign-in page hands its form, read from the page as the login form reads it. */
    public String signInFormToken() {
        HttpResponse<String> page = get("/login");
        Matcher token = CSRF_META.matcher(page.body());
        if (page.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("No form token on the sign-in page (" + page.statusCode() + ")");
        }
        return token.group(1);
    }

    /** Opens the sign-in page and posts its form; returns the answer to the post. */
    public HttpResponse<String> signIn(String email, String password, String... headers) {
        return postSignIn(Map.of("username", email, "password", password, "_csrf", signInFormToken()), headers);
    }

    /** Posts exactly these form fields to the sign-in endpoint, as another site's form could. */
    public HttpResponse<String> postSignIn(Map<String, String> fields, String... headers) {
        String form = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(request("/login", headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Whether the portal's start page opens for this visitor's session rather than sending them to sign in. */
    public boolean isSignedIn() {
        HttpResponse<String> start = get("/");
        return start.statusCode() == 200;
    }

    public Optional<String> sessionId() {
        return Optional.ofNullable(cookies.get("JSESSIONID"));
    }

    /** Sends this session id from now on, as someone who learnt or planted it would. */
    public void useSessionId(String sessionId) {
        cookies.put("JSESSIONID", sessionId);
    }

    /** Replaces this visitor's cookies by another's, as someone who copied them would. */
    public void useCookiesOf(PortalVisitor other) {
        cookies.clear();
        cookies.putAll(other.cookies);
    }

    /** The answer's redirect target, as a path with its query ("/login?error"), or empty when it is no redirect. */
    public static Optional<String> redirectTarget(HttpResponse<?> response) {
        if (response.statusCode() / 100 != 3) {
            return Optional.empty();
        }
        return response.headers().firstValue("Location").map(URI::create).map(location -> {
            String path = location.getRawPath().isEmpty() ? "/" : location.getRawPath();
            return location.getRawQuery() == null ? path : path + "?" + location.getRawQuery();
        });
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            remember(response.headers().allValues("Set-Cookie"));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(List<String> setCookies) {
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).strip();
            if (setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(equals + 1).strip());
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
