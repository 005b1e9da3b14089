package com.frameworkadvisor.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.awaitility.core.ConditionTimeoutException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An in-process fake of the Slack Web API on loopback, in the manner of MockWebServer: script it, run the real
 * app against it, then assert on the recorded calls. Answers like Slack: HTTP 200 with {@code ok:true} or
 * {@code ok:false} and an error code; scripted faults add HTTP 429/5xx, {@code Retry-After} and delays.
 */
public final class FakeSlackApi implements AutoCloseable {
    public static final String BOT_TOKEN = "xoxb-test-0000000000-fake-bot-token";
    public static final String TEAM_ID = "T0TEST";
    public static final String BOT_USER_ID = "UBOT0001";
    /** The client credentials of the app, for {@code oauth.v2.access} (HTTP Basic, as Slack's SDK sends them). */
    public static final String CLIENT_ID = "1111111111.2222222222";
    public static final String CLIENT_SECRET = "client-secret-never-printed-0000";
    /** The method name under which posts to {@link #responseUrl()} are recorded. */
    public static final String RESPONSE_URL = "response_url";
    /** The app-level token the fake accepts for {@code apps.connections.open} (Socket Mode). */
    public static final String APP_TOKEN = "xapp-1-A0TEST-0000000000-fake-app-level-token";

    /** One recorded Web API call. */
    public record Call(String method, Map<String, String> params, String authorization) {
        public String param(String name) {
            return params.get(name);
        }

        public JsonNode json(String name) {
            try {
                return MAPPER.readTree(params.get(name));
            } catch (Exception e) {
                throw new AssertionError("parameter " + name + " of " + method + " is not JSON: " + params.get(name),
                        e);
            }
        }
    }

    /** A scripted answer for the next call of a method. */
    public record Scripted(int status, String body, Map<String, String> headers, long delayMillis) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Call, String> answers = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Call, Long> receivedNanos = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<String, Deque<Scripted>> scripts = new ConcurrentHashMap<>();
    private final Map<String, String> deniedChannels = new ConcurrentHashMap<>();
    private final Map<String, Long> everyCallDelays = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_100L);
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Every bot token the fake accepts, and the workspace it belongs to. */
    private final Map<String, String> workspaceOfToken = new ConcurrentHashMap<>(Map.of(BOT_TOKEN, TEAM_ID));
    private final Map<String, String[]> installCodes = new ConcurrentHashMap<>();
    /** Refresh tokens not used yet, and their workspace: Slack revokes one once it is used. */
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private volatile long rotationExpiresInSeconds;
    private final Javalin server;
    private volatile String socketModeUrl;

    public FakeSlackApi() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/api/{method}", this::handle);
            config.routes.post("/response/{id}", ctx -> {
                calls.add(new Call(RESPONSE_URL, Map.of("body", ctx.body()), null));
                ctx.contentType("text/plain").result("ok");
            });
        }).start("127.0.0.1", 0);
    }

    /** A {@code response_url} on this fake: what is posted to it is recorded as a call of {@value #RESPONSE_URL}. */
    public String responseUrl() {
        return "http://127.0.0.1:" + server.port() + "/response/1";
    }

    /** The base URL to give the app as {@code SLACK_API_URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.port() + "/api/";
    }

    /** {@code apps.connections.open} answers with this WebSocket URL (Socket Mode). */
    public FakeSlackApi socketModeUrl(String url) {
        this.socketModeUrl = url;
        return this;
    }

    /** chat.postMessage (and chat.update) to this channel fail with {@code error}, e.g. not_in_channel. */
    public FakeSlackApi denyChannel(String channel, String error) {
        deniedChannels.put(channel, error);
        return this;
    }

    /** The next call of {@code method} gets this answer instead of the default one. */
    public FakeSlackApi script(String method, Scripted answer) {
        scripts.computeIfAbsent(method, m -> new ArrayDeque<>()).add(answer);
        return this;
    }

    public FakeSlackApi failNext(String method, String error) {
        return script(method, new Scripted(200, "{\"ok\":false,\"error\":\"" + error + "\"}", Map.of(), 0));
    }

    public FakeSlackApi rateLimitNext(String method, int retryAfterSeconds) {
        return script(method, new Scripted(429, "{\"ok\":false,\"error\":\"ratelimited\"}",
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)), 0));
    }

    public FakeSlackApi statusNext(String method, int status) {
        return script(method, new Scripted(status, "<html>upstream error</html>", Map.of(), 0));
    }

    /** The next call of {@code method} is answered as usual, {@code millis} late (or at once if this fake closes). */
    public FakeSlackApi delayNext(String method, long millis) {
        return script(method, new Scripted(200, null, Map.of(), millis));
    }

    /**
     * Lets a workspace install the app: the returned code, given back in {@code oauth.v2.access} with the app's
     * client credentials, yields a new bot token for that workspace.
     */
    public String offerInstall(String teamId, String teamName) {
        String code = "code-" + teamId + "-" + issued.incrementAndGet();
        installCodes.put(code, new String[] {teamId, teamName});
        return code;
    }

    /** Turns token rotation on: tokens issued from now on expire after this long and come with a refresh token. */
    public FakeSlackApi rotateTokens(long expiresInSeconds) {
        rotationExpiresInSeconds = expiresInSeconds;
        return this;
    }

    /** The workspace a bot token belongs to, if the fake issued or accepts it. */
    public String workspaceOf(String token) {
        return workspaceOfToken.get(token);
    }

    /**
     * Every call of {@code method} from now on is answered as usual, {@code millis} late (or at once if this fake
     * closes): a Slack that is slow throughout, so that posts are in flight whenever the app is stopped. A scripted
     * answer with a delay of its own takes that delay instead.
     */
    public FakeSlackApi delayEvery(String method, long millis) {
        everyCallDelays.put(method, millis);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The names of the recorded calls, in the order they arrived: for assertions and failure messages. */
    public List<String> methods() {
        return calls.stream().map(Call::method).toList();
    }

    /** The JSON body this fake answered {@code call} with, e.g. to read the {@code ts} of a posted message. */
    public JsonNode answerTo(Call call) {
        String body = answers.get(call);
        if (body == null) {
            throw new AssertionError("no answer recorded for " + call.method() + " (not answered yet?)");
        }
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("the answer to " + call.method() + " is not JSON: " + body, e);
        }
    }

    /**
     * Whether this fake answered {@code call} with {@code ok:true}, i.e. whether real Slack would have done what
     * was asked (posted the message, opened the view). False for scripted faults and calls not answered yet.
     */
    public boolean answeredOk(Call call) {
        String body = answers.get(call);
        if (body == null) {
            return false;
        }
        try {
            return MAPPER.readTree(body).path("ok").asBoolean(false);
        } catch (Exception e) {
            return false;
        }
    }

    /** When this fake received {@code call}, in {@link System#nanoTime()}: to measure the gap between retries. */
    public long receivedNanos(Call call) {
        Long nanos = receivedNanos.get(call);
        if (nanos == null) {
            throw new AssertionError("no arrival time recorded for " + call.method());
        }
        return nanos;
    }

    /** Waits, polling, until {@code count} calls match; fails with what was recorded if they do not arrive. */
    public List<Call> await(String method, int count, Duration timeout) {
        return await(method, c -> true, count, timeout);
    }

    public List<Call> await(String method, Predicate<Call> filter, int count, Duration timeout) {
        try {
            return Waits.atMost(timeout).until(() -> calls(method).stream().filter(filter).toList(),
                    matching -> matching.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected " + count + " " + method + " calls within " + timeout + ", got "
                    + calls(method).stream().filter(filter).count() + "; all calls: " + methods());
        }
    }

    private void handle(Context ctx) throws InterruptedException {
        String method = ctx.pathParam("method");
        Map<String, String> params = form(ctx.body());
        String authorization = ctx.header("Authorization");
        Call call = new Call(method, params, authorization);
        receivedNanos.put(call, System.nanoTime());
        calls.add(call);
        Deque<Scripted> queue = scripts.get(method);
        Scripted scripted = queue == null ? null : queue.poll();
        long delayMillis = scripted != null && scripted.delayMillis() > 0 ? scripted.delayMillis()
                : everyCallDelays.getOrDefault(method, 0L);
        if (delayMillis > 0) {
            // A slow Slack: the answer is held for the delay, or until this fake closes and lets it go.
            closing.await(delayMillis, TimeUnit.MILLISECONDS);
        }
        if (scripted != null && scripted.body() != null) {
            scripted.headers().forEach(ctx::header);
            answers.put(call, scripted.body());
            ctx.status(scripted.status()).contentType("application/json; charset=utf-8").result(scripted.body());
            return;
        }
        String body = answer(method, params, authorization).toString();
        answers.put(call, body);
        ctx.contentType("application/json; charset=utf-8").result(body);
    }

    private ObjectNode answer(String method, Map<String, String> params, String authorization) {
        if (method.equals("apps.connections.open")) {
            if (!("Bearer " + APP_TOKEN).equals(authorization) || socketModeUrl == null) {
                return error("invalid_auth");
            }
            return MAPPER.createObjectNode().put("ok", true).put("url", socketModeUrl);
        }
        if (method.equals("oauth.v2.access")) {
            return oauthV2Access(params, authorization);
        }
        String team = authorization != null && authorization.startsWith("Bearer ")
                ? workspaceOfToken.get(authorization.substring("Bearer ".length())) : null;
        if (team == null) {
            return error(authorization == null ? "not_authed" : "invalid_auth");
        }
        ObjectNode ok = MAPPER.createObjectNode().put("ok", true);
        switch (method) {
            case "auth.test" -> ok.put("url", "https://" + team.toLowerCase() + ".slack.com/")
                    .put("team", TEAM_ID.equals(team) ? "Test team" : "Team " + team)
                    .put("user", "framework-advisor").put("team_id", team)
                    .put("user_id", TEAM_ID.equals(team) ? BOT_USER_ID : "UBOT" + team)
                    .put("bot_id", TEAM_ID.equals(team) ? "B0TEST" : "B" + team);
            case "views.open", "views.publish", "views.update" -> ok.putObject("view").put("id", "V" + ts.get());
            case "chat.postMessage", "chat.update" -> {
                String channel = params.get("channel");
                String denied = deniedChannels.get(channel);
                if (denied != null) {
                    return error(denied);
                }
                String messageTs = method.equals("chat.update") ? params.get("ts") : nextTs();
                ok.put("channel", channel).put("ts", messageTs);
                ok.putObject("message").put("text", params.get("text")).put("ts", messageTs);
            }
            case "chat.postEphemeral" -> {
                String denied = deniedChannels.get(params.get("channel"));
                if ("channel_not_found".equals(denied)) {
                    return error(denied);
                }
                ok.put("message_ts", nextTs());
            }
            case "conversations.open" -> ok.putObject("channel").put("id", "D" + params.get("users"));
            default -> {
                return error("unknown_method");
            }
        }
        return ok;
    }

    /** Slack's {@code oauth.v2.access}: an install code, or a refresh token, exchanged for a bot token. */
    private ObjectNode oauthV2Access(Map<String, String> params, String authorization) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(authorization)) {
            return error("invalid_client_id");
        }
        String teamId;
        String teamName;
        if ("refresh_token".equals(params.get("grant_type"))) {
            teamId = refreshTokens.remove(String.valueOf(params.get("refresh_token")));
            if (teamId == null) {
                return error("invalid_refresh_token");
            }
            teamName = "Team " + teamId;
        } else {
            String[] install = installCodes.remove(String.valueOf(params.get("code")));
            if (install == null) {
                return error("invalid_code");
            }
            teamId = install[0];
            teamName = install[1];
        }
        long n = issued.incrementAndGet();
        String token = "xoxb-" + teamId + "-" + n + "-fake-installed-bot-token";
        workspaceOfToken.put(token, teamId);
        ObjectNode ok = MAPPER.createObjectNode().put("ok", true).put("app_id", "A0TEST")
                .put("access_token", token).put("token_type", "bot")
                .put("scope", "commands,chat:write,chat:write.public,im:write").put("bot_user_id", "UBOT" + teamId)
                .put("is_enterprise_install", false);
        if (rotationExpiresInSeconds > 0) {
            String refresh = "xoxe-1-" + teamId + "-" + n + "-fake-refresh-token";
            refreshTokens.put(refresh, teamId);
            ok.put("refresh_token", refresh).put("expires_in", rotationExpiresInSeconds);
        }
        ok.putObject("team").put("id", teamId).put("name", teamName);
        ok.putNull("enterprise");
        ok.putObject("authed_user").put("id", "U0INSTALL" + teamId.substring(1));
        return ok;
    }

    private String nextTs() {
        long value = ts.incrementAndGet();
        return value / 1_000_000 + "." + String.format("%06d", value % 1_000_000);
    }

    private static ObjectNode error(String code) {
        return MAPPER.createObjectNode().put("ok", false).put("error", code);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop();
    }
}
