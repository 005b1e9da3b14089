package com.frameworkadvisor.slack;

import com.frameworkadvisor.slack.listen.DecisionSubmission;
import com.frameworkadvisor.slack.webapi.SlackHealth;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewClosedRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a signed HTTP request from Slack into the app's answer: redeliveries answered at once, a decision-modal
 * submission through its listener's own reader ({@link DecisionSubmission#answerRead}), everything else parsed by
 * Bolt's {@link SlackRequestParser} and routed by Bolt's {@link App}, as Bolt's own host adapters do.
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
    Response run(InboundRequest http) {
        String retry = first(http.headers(), "X-Slack-Retry-Num");
        if (retry != null) {
            // Slack redelivers when it thinks an ack was late or lost. Every listener here acks at once and does its
            // work after, so the first delivery already did it: a redelivery must not do it twice.
            log.info("redelivery_ignored retry_num={} reason={}", retry, first(http.headers(), "X-Slack-Retry-Reason"));
            return Response.builder().statusCode(200).headers(Map.of("X-Slack-No-Retry", List.of("1"))).build();
        }
        // While Slack refuses the token, Bolt's authorization refuses requests (401), and Slack keeps the user's
        // answers in the modal: submissions go through Bolt then, like everything else.
        if (health.problem().isEmpty()) {
            Optional<Response> answered = decisionSubmission.answerRead(http.body());
            if (answered.isPresent()) {
                return answered.get();
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
            return badRequest("malformed payload");
        }
        if (request == null) {
            log.warn("request_refused status=400 reason=\"not a Slack request\"");
            return badRequest("not a Slack request");
        }
        if (!routable(request)) {
            log.warn("request_refused status=400 reason=\"incomplete payload\" type={}",
                    request.getClass().getSimpleName());
            return badRequest("malformed payload");
        }
        try {
            return bolt.run(request);
        } catch (Exception e) {
            throw new IllegalStateException("Bolt failed on a " + request.getClass().getSimpleName(), e);
        }
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

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
