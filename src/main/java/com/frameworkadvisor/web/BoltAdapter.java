package com.frameworkadvisor.web;

import com.frameworkadvisor.slack.listen.SubmissionReader;
import com.frameworkadvisor.slack.AdvisorApp;
import com.frameworkadvisor.slack.payload.DecisionForm;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewClosedRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands a Slack HTTP request to Bolt and writes Bolt's response back: request in, response out. The one exception
 * is a submission of the decision modal, the busiest request: it is parsed here ({@link SubmissionReader}) and
 * answered by the same listener Bolt would call, without Bolt's per-request parsing.
 *
 * <p>The signature is checked here, once, over the raw body before anything is parsed ({@link RequestSignature}:
 * constant time, and a timestamp window of 5 minutes either way, where Bolt's refuses only old ones). Bolt's
 * verification middleware is switched off in {@code AdvisorApp}, so this is the only check.
 */
final class BoltAdapter {
    private static final Logger log = LoggerFactory.getLogger(BoltAdapter.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final AdvisorApp slack;
    private final App app;
    private final SlackRequestParser parser;
    private final RequestSignature signature;
    private final SubmissionReader submissions = new SubmissionReader();

    BoltAdapter(AdvisorApp slack, String signingSecret) {
        this.slack = slack;
        this.app = slack.bolt();
        this.parser = new SlackRequestParser(app.config());
        this.signature = new RequestSignature(signingSecret);
    }

    void handle(Context ctx) {
        // Eight hex digits to find one request's log lines; not a secret, so no need for a SecureRandom (whose
        // shared lock the request threads would queue on).
        String requestId = Long.toHexString(0x1_0000_0000L | ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL)
                .substring(1);
        MDC.put("request_id", requestId);
        try {
            byte[] raw = body(ctx.req());
            Map<String, List<String>> headers = headers(ctx);
            if (!signature.verify(first(headers, SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP),
                    first(headers, SlackSignature.HeaderNames.X_SLACK_SIGNATURE), raw,
                    System.currentTimeMillis() / 1000)) {
                log.warn("request_refused status=401 reason=signature path={}", ctx.path());
                ctx.status(401).contentType(JSON).result("{\"error\":\"invalid request signature\"}");
                return;
            }
            String retry = first(headers, "X-Slack-Retry-Num");
            if (retry != null) {
                // Slack redelivers when it thinks an ack was late or lost. Every listener here acks at once and
                // does its work after, so the first delivery already did it: a redelivery must not do it twice.
                log.info("redelivery_ignored retry_num={} reason={}", retry,
                        first(headers, "X-Slack-Retry-Reason"));
                ctx.header("X-Slack-No-Retry", "1").status(200);
                return;
            }
            // While Slack refuses the token, Bolt's authorization refuses requests (401), and Slack keeps the
            // user's answers in the modal: submissions go through Bolt then, like everything else.
            Optional<DecisionForm> decision = slack.health().problem().isEmpty()
                    ? submissions.decisionSubmission(raw) : Optional.empty();
            if (decision.isPresent()) {
                write(ctx, slack.submitDecision(decision.get()));
                return;
            }
            Request<?> request;
            try {
                request = parser.parse(SlackRequestParser.HttpRequest.builder()
                        .requestUri(ctx.path())
                        .queryString(ctx.queryParamMap())
                        .headers(new RequestHeaders(headers))
                        .requestBody(new String(raw, StandardCharsets.UTF_8))
                        .remoteAddress(ctx.ip())
                        .build());
            } catch (RuntimeException e) {
                log.warn("request_refused status=400 reason=\"malformed payload: {}\"", e.getClass().getSimpleName());
                ctx.status(400).contentType(JSON).result("{\"error\":\"malformed payload\"}");
                return;
            }
            if (request == null) {
                log.warn("request_refused status=400 reason=\"not a Slack request\"");
                ctx.status(400).contentType(JSON).result("{\"error\":\"not a Slack request\"}");
                return;
            }
            if (!complete(request)) {
                log.warn("request_refused status=400 reason=\"incomplete payload\" type={}",
                        request.getClass().getSimpleName());
                ctx.status(400).contentType(JSON).result("{\"error\":\"malformed payload\"}");
                return;
            }
            write(ctx, app.run(request));
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
     * Whether Bolt can route the request: signed payloads Slack never sends (a view submission without a view,
     * an action list holding null) make Bolt's router throw, so they are refused here as malformed.
     */
    private static boolean complete(Request<?> request) {
        if (request instanceof ViewSubmissionRequest submission) {
            return submission.getPayload() != null && submission.getPayload().getView() != null;
        }
        if (request instanceof ViewClosedRequest closed) {
            return closed.getPayload() != null && closed.getPayload().getView() != null;
        }
        if (request instanceof BlockActionRequest action) {
            return action.getPayload() != null && action.getPayload().getActions() != null
                    && action.getPayload().getActions().stream().allMatch(Objects::nonNull);
        }
        return true;
    }

    /**
     * The request body, read into an array of its declared length; one over {@link AdvisorServer#MAX_BODY_BYTES}
     * is refused with 413 before it is read. Javalin's {@code bodyAsBytes()} grows a buffer from 32 bytes and then
     * copies it: three times a submission's 25 KB in garbage, a fifth of all the app allocated (README,
     * Performance).
     */
    private static byte[] body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > AdvisorServer.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        InputStream in = request.getInputStream();
        if (declared >= 0) {
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        byte[] body = in.readNBytes((int) AdvisorServer.MAX_BODY_BYTES + 1); // streamed, without a length
        if (body.length > AdvisorServer.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private static HttpResponseException tooLarge() {
        log.warn("request_refused status=413 reason=\"body over {} bytes\"", AdvisorServer.MAX_BODY_BYTES);
        return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
                HttpStatus.CONTENT_TOO_LARGE.getMessage());
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
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
