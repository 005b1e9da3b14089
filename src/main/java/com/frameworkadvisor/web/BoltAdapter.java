package com.frameworkadvisor.web;

import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.slack.InboundRequest;
import com.frameworkadvisor.slack.Routed;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.response.Response;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Javalin's side of Bolt: request in, response out. The signature is checked here, once, over the raw body before
 * anything is parsed ({@link RequestSignature}: constant time, and a timestamp window of 5 minutes either way, where
 * Bolt's refuses only old ones); Bolt's own verification is switched off in {@link AdvisorApp}.
 */
final class BoltAdapter {
    private static final Logger log = LoggerFactory.getLogger(BoltAdapter.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String X_SLACK_REQUEST_TIMESTAMP = SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP;
    private static final String X_SLACK_SIGNATURE = SlackSignature.HeaderNames.X_SLACK_SIGNATURE;

    /** The Slack side, waited for if a request comes while it is still being made (AdvisorServer). */
    private final Supplier<AdvisorApp> slack;
    private final RequestSignature signature;

    BoltAdapter(Supplier<AdvisorApp> slack, String signingSecret) {
        this.slack = slack;
        this.signature = new RequestSignature(signingSecret);
    }

    void handle(Context ctx) {
        // Eight hex digits to find one request's log lines; not a secret, so no SecureRandom and its shared lock.
        String requestId = Long.toHexString(0x1_0000_0000L | ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL)
                .substring(1);
        MDC.put("request_id", requestId);
        try {
            byte[] body = RequestBody.read(ctx.req());
            Map<String, List<String>> headers = headers(ctx);
            String timestamp = InboundRequest.firstHeader(headers, X_SLACK_REQUEST_TIMESTAMP);
            String signed = InboundRequest.firstHeader(headers, X_SLACK_SIGNATURE);
            if (!signature.verify(timestamp, signed, body, System.currentTimeMillis() / 1000)) {
                log.warn("request_refused status=401 reason=signature path={} remedy=\"if Slack's own requests are "
                        + "refused, SLACK_SIGNING_SECRET is not this app's (Basic Information, App Credentials) or "
                        + "this machine's clock is more than 5 minutes off\"", ctx.path());
                ctx.attribute(HttpMetrics.KIND, "unsigned");
                ctx.status(401).contentType(JSON).result("{\"error\":\"invalid request signature\"}");
                return;
            }
            Routed routed = slack.get().run(new InboundRequest(ctx.path(), ctx.queryParamMap(), headers, body,
                    ctx.ip()));
            ctx.attribute(HttpMetrics.KIND, routed.kind());
            write(ctx, routed.response());
        } catch (HttpResponseException e) {
            throw e;
        } catch (Exception e) {
            // Never a 5xx or a stack trace to Slack: log it once with the request id, answer politely.
            log.error("request_failed request_id={}", requestId, e);
            ctx.status(200).contentType(JSON).result("{\"response_type\":\"ephemeral\",\"text\":\"Sorry, that "
                    + "didn't work on my side (reference " + requestId + "). Please try again in a moment; if it "
                    + "keeps failing, tell whoever runs Framework Advisor and quote the reference.\"}");
        } finally {
            MDC.remove("request_id");
        }
    }

    /**
     * A browser's request in the OAuth install ({@code GET /slack/install}, {@code GET /slack/oauth_redirect}):
     * not from Slack, so not signed; Bolt's OAuth flow answers it with a page or a redirect (its state checks
     * stand in for a signature).
     */
    void handleBrowser(Context ctx) {
        MDC.put("request_id", "install");
        try {
            Routed routed = slack.get().run(new InboundRequest(ctx.path(), ctx.queryParamMap(), headers(ctx),
                    new byte[0], ctx.ip()));
            ctx.attribute(HttpMetrics.KIND, routed.kind());
            ctx.header("Cache-Control", "no-store");
            ctx.header("Referrer-Policy", "no-referrer");
            write(ctx, routed.response());
        } finally {
            MDC.remove("request_id");
        }
    }

    /** All values of all headers: Javalin's headerMap() keeps one value per name. */
    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
        }
        return headers;
    }

    private static void write(Context ctx, Response response) {
        ctx.status(response.getStatusCode() == null ? 200 : response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
        }
        if (response.getContentType() != null) {
            ctx.contentType(response.getContentType());
        }
        // An empty ack sets no result: Javalin copies any result, even "", through a new 8 KiB buffer.
        if (response.getBody() != null && !response.getBody().isEmpty()) {
            ctx.result(response.getBody());
        }
    }
}
