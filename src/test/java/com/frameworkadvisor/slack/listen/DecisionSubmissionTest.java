package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.delivery.DecisionPoster;
import com.frameworkadvisor.slack.render.Notices;
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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The decision modal's submission: validated and acked at once; posting goes to the executor, and nothing is
 * handed on when the answers are refused or there is no room. The poster and the executor are mocks: what is
 * checked is what the listener hands them.
 */
@ExtendWith(MockitoExtension.class)
class DecisionSubmissionTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mock
    private DecisionPoster poster;
    @Mock
    private Executor executor;

    @Test
    void valid_answers_are_acked_and_handed_to_the_poster_after_the_ack() throws Exception {
        DecisionSubmission listener = new DecisionSubmission(BANK, poster, executor, JSON);

        Response ack = submit(listener, SlackPayloads.djangoAnswers());

        assertEquals(200, ack.getStatusCode());
        assertEquals(null, ack.getBody(), "an empty ack closes the modal");
        ArgumentCaptor<Runnable> posting = ArgumentCaptor.forClass(Runnable.class);
        verify(executor).execute(posting.capture());
        verifyNoInteractions(poster); // not before the ack's thread has moved on
        posting.getValue().run();
        ArgumentCaptor<DecisionPoster.Submission> submission = ArgumentCaptor.forClass(DecisionPoster.Submission.class);
        verify(poster).deliver(submission.capture());
        assertEquals(SlackPayloads.djangoAnswers(), submission.getValue().answers().asMap());
        assertEquals(SlackPayloads.ASKER, submission.getValue().userId());
        assertEquals(SlackPayloads.CHANNEL, submission.getValue().target().channel());
    }

    @Test
    void a_question_left_unanswered_keeps_the_modal_open_with_an_error_and_posts_nothing() throws Exception {
        DecisionSubmission listener = new DecisionSubmission(BANK, poster, executor, JSON);
        Map<String, String> answers = new HashMap<>(SlackPayloads.djangoAnswers());
        answers.remove("auth");

        Response ack = submit(listener, answers);

        JsonNode body = JSON.readTree(ack.getBody());
        assertEquals("errors", body.path("response_action").asText());
        assertEquals(Notices.CHOOSE_AN_ANSWER, body.path("errors").path("auth").asText());
        verifyNoInteractions(executor, poster);
    }

    @Test
    void a_full_posting_executor_still_acks_and_asks_the_user_to_press_recommend_again() throws Exception {
        doThrow(new RejectedExecutionException("queue full")).when(executor).execute(any());
        DecisionSubmission listener = new DecisionSubmission(BANK, poster, executor, JSON);

        Response ack = submit(listener, SlackPayloads.djangoAnswers());

        // answered at once, the modal stays open with the answers, and the user is told what to do
        assertEquals(200, ack.getStatusCode());
        JsonNode body = JSON.readTree(ack.getBody());
        assertEquals("errors", body.path("response_action").asText());
        assertEquals(Notices.TOO_BUSY, body.path("errors").path(BANK.questions().get(0).id()).asText());
        verifyNoInteractions(poster);
    }

    private static Response submit(DecisionSubmission listener, Map<String, String> answers) {
        String payload = SlackPayloads.viewSubmission(SlackPayloads.ASKER,
                SlackPayloads.newDecisionMetadata(SlackPayloads.CHANNEL), answers, null).toString();
        ViewSubmissionRequest request = new ViewSubmissionRequest(SignedRequests.payloadForm(payload), payload,
                new RequestHeaders(Map.of()));
        return listener.apply(request, request.getContext());
    }
}
