package com.frameworkadvisor.slack;

import com.frameworkadvisor.slack.listen.DecisionSubmission;
import com.frameworkadvisor.slack.webapi.SlackHealth;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewClosedRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a signed HTTP request from Slack into the app's answer: a decision-modal submission through its listener's
 * own reader ({@link DecisionSubmission#answerRead}), everything else parsed by Bolt's {@link SlackRequestParser}
 * and routed by Bolt's {@link App}, as Bolt's own host adapters do. Redelivered events are handled once by the
 * listeners themselves ({@link com.frameworkadvisor.slack.listen.OnceEvents}).
 */
final class RequestRouter {
    private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);

    private final App bolt;
    private final SlackRequestParser parser;
    private final SlackHealth health;
    private final DecisionSubmission decisionSubmission;

    RequestRouter(App bolt, SlackHealth health, DecisionSubmission decisionSubmission) {
        this.bolt = bolt;
        this.parser = new SlackRequestParser(bolt.config());
        this.health = health;
        this.decisionSubmission = decisionSubmission;
    }

    /** The answer to one signed request; a signed payload Slack never sends, which Bolt cannot route, gets a 400. */
    Routed run(InboundRequest http) {
        String retry = http.header("X-Slack-Retry-Num");
        if (retry != null && !isJson(http.body())) {
            // Slack redelivers only Events API events (JSON), which the listeners handle once by their event id.
            // A form (a command, a button, a submission) marked as a redelivery is not Slack's: answered, not run.
            log.info("redelivery_ignored retry_num={} reason={}", retry, http.header("X-Slack-Retry-Reason"));
            return new Routed("redelivery", Response.builder().statusCode(200)
                    .headers(Map.of("X-Slack-No-Retry", List.of("1"))).build());
        }
        // While Slack refuses the token, Bolt's authorization refuses requests (401), and Slack keeps the user's
        // answers in the modal: submissions go through Bolt then, like everything else.
        if (health.problem().isEmpty()) {
            Optional<Response> answered = decisionSubmission.answerRead(http.body());
            if (answered.isPresent()) {
                return new Routed(VIEW_SUBMISSION, answered.get());
            }
        }
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(http.path())
                    .queryString(http.query())
                    .headers(new RequestHeaders(http.headers()))
                    .requestBody(new String(http.body(), StandardCharsets.UTF_8))
                    .remoteAddress(http.remoteAddress())
                    .build());
        } catch (RuntimeException e) {
            log.warn("request_refused status=400 reason=\"malformed payload: {}\"", e.getClass().getSimpleName());
            return new Routed(MALFORMED, badRequest("malformed payload"));
        }
        if (request == null) {
            log.warn("request_refused status=400 reason=\"not a Slack request\"");
            return new Routed(MALFORMED, badRequest("not a Slack request"));
        }
        String kind = kind(request.getRequestType());
        if (!routable(request)) {
            log.warn("request_refused status=400 reason=\"incomplete payload\" type={}",
                    request.getClass().getSimpleName());
            return new Routed(kind, badRequest("malformed payload"));
        }
        try {
            return new Routed(kind, bolt.run(request));
        } catch (Exception e) {
            throw new IllegalStateException("Bolt failed on a " + request.getClass().getSimpleName(), e);
        }
    }

    private static final String VIEW_SUBMISSION = "view_submission";
    private static final String MALFORMED = "malformed";

    /** Bolt's request types in snake case ({@code BlockAction} → {@code block_action}): a short, fixed set. */
    private static final Map<RequestType, String> KINDS = kinds();

    private static Map<RequestType, String> kinds() {
        Map<RequestType, String> kinds = new EnumMap<>(RequestType.class);
        for (RequestType type : RequestType.values()) {
            kinds.put(type, type.name().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
        }
        kinds.put(RequestType.Command, "slash_command");
        return kinds;
    }

    private static String kind(RequestType type) {
        return type == null ? "unknown" : KINDS.get(type);
    }

    private static boolean isJson(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static Response badRequest(String error) {
        return Response.json(400, Map.of("error", error));
    }

    /**
     * Whether Bolt can route the request: signed payloads Slack never sends (a view submission without a view, an
     * action list holding null) make Bolt's router throw.
     */
    private static boolean routable(Request<?> request) {
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

}
