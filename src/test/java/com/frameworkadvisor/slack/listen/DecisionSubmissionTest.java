package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.delivery.DeliveryWorker;
import com.frameworkadvisor.slack.delivery.Submission;
import com.frameworkadvisor.slack.render.Notices;
import com.frameworkadvisor.slack.webapi.BotTokens;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The decision modal's submission: validated, handed to the delivery worker (which stores it before the ack), and
 * acked at once; nothing is handed on when the answers are refused, and the user is asked to submit again when it
 * could be neither stored nor posted. The worker is a mock: what is checked is what the listener hands it.
 */
@ExtendWith(MockitoExtension.class)
class DecisionSubmissionTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mock
    private DeliveryWorker deliveries;

    @Test
    void valid_answers_are_handed_to_the_delivery_worker_and_acked_with_an_empty_answer() throws Exception {
        DecisionSubmission listener = new DecisionSubmission(BANK, deliveries, BotTokens.single("xoxb-test"), JSON);

        Response ack = submit(listener, SlackPayloads.djangoAnswers());

        assertEquals(200, ack.getStatusCode());
        assertEquals(null, ack.getBody(), "an empty ack closes the modal");
        ArgumentCaptor<Submission> submission = ArgumentCaptor.forClass(Submission.class);
        verify(deliveries).accept(submission.capture());
        assertEquals(SlackPayloads.djangoAnswers(), submission.getValue().answers().asMap());
        assertEquals(SlackPayloads.ASKER, submission.getValue().userId());
        assertEquals(SlackPayloads.CHANNEL, submission.getValue().target().channel());
    }

    @Test
    void a_question_left_unanswered_keeps_the_modal_open_with_an_error_and_posts_nothing() throws Exception {
        DecisionSubmission listener = new DecisionSubmission(BANK, deliveries, BotTokens.single("xoxb-test"), JSON);
        Map<String, String> answers = new HashMap<>(SlackPayloads.djangoAnswers());
        answers.remove("auth");

        Response ack = submit(listener, answers);

        JsonNode body = JSON.readTree(ack.getBody());
        assertEquals("errors", body.path("response_action").asText());
        assertEquals(Notices.CHOOSE_AN_ANSWER, body.path("errors").path("auth").asText());
        verifyNoInteractions(deliveries);
    }

    @Test
    void a_submission_that_can_be_neither_stored_nor_posted_keeps_the_modal_open_asking_to_submit_again()
            throws Exception {
        doThrow(new RejectedExecutionException("queue full")).when(deliveries).accept(any());
        DecisionSubmission listener = new DecisionSubmission(BANK, deliveries, BotTokens.single("xoxb-test"), JSON);

        Response ack = submit(listener, SlackPayloads.djangoAnswers());

        // answered at once, the modal stays open with the answers, and the user is told what to do
        assertEquals(200, ack.getStatusCode());
        JsonNode body = JSON.readTree(ack.getBody());
        assertEquals("errors", body.path("response_action").asText());
        assertEquals(Notices.TOO_BUSY, body.path("errors").path(BANK.questions().get(0).id()).asText());
    }

    private static Response submit(DecisionSubmission listener, Map<String, String> answers) {
        String payload = SlackPayloads.viewSubmission(SlackPayloads.ASKER,
                SlackPayloads.newDecisionMetadata(SlackPayloads.CHANNEL), answers, null).toString();
        ViewSubmissionRequest request = new ViewSubmissionRequest(SignedRequests.payloadForm(payload), payload,
                new RequestHeaders(Map.of()));
        return listener.apply(request, request.getContext());
    }
}
