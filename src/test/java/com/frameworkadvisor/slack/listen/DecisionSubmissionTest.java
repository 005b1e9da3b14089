package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.delivery.DecisionPoster;
import com.frameworkadvisor.slack.listen.DecisionSubmission;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The submission listener on its own, for what the end-to-end tests cannot provoke: a full posting executor. */
class DecisionSubmissionTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_full_posting_executor_still_acks_and_asks_the_user_to_press_recommend_again() throws Exception {
        // given: an executor that refuses work, as the bounded one does when its queue is full
        AtomicInteger offered = new AtomicInteger();
        Executor full = task -> {
            offered.incrementAndGet();
            throw new RejectedExecutionException("queue full");
        };
        // The poster is never reached when the executor refuses, so it needs no Slack client or store here.
        DecisionPoster poster = new DecisionPoster(null, null, null, null, BANK, null, Clock.systemUTC());
        DecisionSubmission listener = new DecisionSubmission(BANK, poster, full, JSON);
        String payload = SlackPayloads.viewSubmission(SlackPayloads.ASKER,
                SlackPayloads.newDecisionMetadata(SlackPayloads.CHANNEL), SlackPayloads.djangoAnswers(), null)
                .toString();
        ViewSubmissionRequest request = new ViewSubmissionRequest(SignedRequests.payloadForm(payload), payload,
                new RequestHeaders(Map.of("Content-Type", List.of(SignedRequests.FORM))));

        // when
        Response ack = listener.apply(request, request.getContext());

        // then: answered at once, the modal stays open with the answers, and the user is told what to do
        assertEquals(1, offered.get());
        assertEquals(200, ack.getStatusCode());
        JsonNode body = JSON.readTree(ack.getBody());
        assertEquals("errors", body.path("response_action").asText());
        String message = body.path("errors").path(BANK.questions().get(0).id()).asText();
        assertTrue(message.contains("press Recommend again"), message);
    }
}
