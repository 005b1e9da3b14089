package com.frameworkadvisor.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends requests to the app signed exactly as Slack signs them: HMAC-SHA256 over {@code v0:timestamp:body}
 * (UTF-8 bytes) with the signing secret, in {@code X-Slack-Signature}, and the timestamp in
 * {@code X-Slack-Request-Timestamp}.
 */
public final class SignedRequests {
    public static final String SIGNING_SECRET = "test-signing-secret-8f14e45fceea167a5a36dedd4bea2543";
    public static final String FORM = "application/x-www-form-urlencoded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String secret;

    public SignedRequests(int port) {
        this(port, SIGNING_SECRET);
    }

    public SignedRequests(int port, String secret) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.secret = secret;
    }

    public static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form body from name/value pairs, percent-encoded as Slack sends it. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The form body of an interactivity request carrying a JSON payload. */
    public static String payloadForm(String payloadJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("payload", payloadJson);
        return form(fields);
    }

    public HttpResponse<String> post(String body) {
        return post(body, FORM);
    }

    public HttpResponse<String> post(String body, String contentType) {
        return send(body, contentType, signedHeaders(body));
    }

    /** The two headers Slack would send with {@code body} now: to sign one body and send another. */
    public Map<String, String> signedHeaders(String body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return Map.of("X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", signature(secret, timestamp, body));
    }

    /** Signed correctly, but streamed with chunked transfer encoding: no {@code Content-Length} to refuse by. */
    public HttpResponse<String> postChunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/slack/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        signedHeaders(body).forEach(request::header);
        return send(request);
    }

    /** Signed correctly, but with a timestamp {@code age} in the past (a replay). */
    public HttpResponse<String> postAged(String body, Duration age) {
        String timestamp = Long.toString(Instant.now().minus(age).getEpochSecond());
        return send(body, FORM, Map.of("X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", signature(secret, timestamp, body)));
    }

    /** Sent with exactly these headers (for unsigned and tampered requests). */
    public HttpResponse<String> send(String body, String contentType, Map<String, String> headers) {
        return send("/slack/events", body, contentType, headers);
    }

    public HttpResponse<String> send(String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return send(request);
    }
}
