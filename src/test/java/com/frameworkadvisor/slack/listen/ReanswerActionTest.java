package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.payload.DecisionButtonValue;
import com.frameworkadvisor.slack.render.ModalRenderer;
import com.frameworkadvisor.slack.webapi.BotTokens;
import com.frameworkadvisor.slack.webapi.SlackConnection;
import com.frameworkadvisor.slack.webapi.SlackHealth;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.AnswerSet;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.StoredDecision;
import com.frameworkadvisor.store.ThreadKey;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

/**
 * Re-answer pre-fills the modal with the person's own latest answers in the thread, read from the store within a
 * small share of Slack's 3-second trigger window; a slow or absent store falls back to the button's answers.
 */
@ExtendWith(MockitoExtension.class)
class ReanswerActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = SlackPayloads.CHANNEL;
    private static final String TEAMMATE = "U0TEAMMATE";
    /** The parent message the button sits on, which the test pretends is in Slack. */
    private static final String PARENT_TS = "1700000000.000100";
    private static final StoredDecision DECISION = new StoredDecision(3, new ThreadKey(FakeSlackApi.TEAM_ID, CHANNEL,
            PARENT_TS), Optional.empty(), SlackPayloads.ASKER, Instant.EPOCH);

    @Mock
    private DecisionStore store;

    private final CountDownLatch releaseStore = new CountDownLatch(1);
    private final ExecutorService lookups = Executors.newSingleThreadExecutor();
    private FakeSlackApi slack;
    private ReanswerAction action;

    @BeforeEach
    void start() {
        slack = new FakeSlackApi();
        WebApi api = new WebApi(new SlackConnection(slack.url(), Duration.ofSeconds(5)).transport(JSON),
                BotTokens.single(FakeSlackApi.BOT_TOKEN), new SlackHealth(), Runnable::run);
        action = new ReanswerAction(new ModalRenderer(TestApp.bank()), api, lookups, JSON, store);
    }

    @AfterEach
    void stop() throws InterruptedException {
        releaseStore.countDown();
        lookups.shutdown();
        lookups.awaitTermination(5, TimeUnit.SECONDS);
        slack.close();
    }

    @Test
    void a_person_who_answered_before_gets_their_own_latest_answers() {
        when(store.findDecision(eq(DECISION.thread()))).thenReturn(Optional.of(DECISION));
        when(store.latestAnswers(DECISION.id(), TEAMMATE)).thenReturn(Optional.of(new AnswerSet(TEAMMATE,
                Map.of("api_only", "yes"), "flask", 0, 1, Instant.EPOCH)));

        BlockActionRequest press = press();
        action.apply(press, press.getContext());

        JsonNode view = slack.await("views.open", 1, Duration.ofSeconds(5)).get(0).json("view");
        assertEquals("yes", initialOption(view, "api_only"), "their own answer");
        assertEquals(null, initialOption(view, "admin_ui"), "not the button's");
    }

    @Test
    void a_slow_store_falls_back_to_the_buttons_answers_and_the_modal_still_opens() {
        when(store.findDecision(any())).thenAnswer(invocation -> {
            releaseStore.await(10, TimeUnit.SECONDS); // far past the lookup's budget
            return Optional.of(DECISION);
        });

        try (LogCapture logs = LogCapture.start()) {
            BlockActionRequest press = press();
        action.apply(press, press.getContext());

            JsonNode view = slack.await("views.open", 1, Duration.ofSeconds(5)).get(0).json("view");
            assertEquals("yes", initialOption(view, "admin_ui"), "the button's answers");
            assertFalse(logs.events(e -> e.message().equals("prefill_from_button reason=\"database slow\""))
                    .isEmpty(), logs.events().toString());
        }
    }

    private static BlockActionRequest press() {
        String value = new DecisionButtonValue(Optional.empty(), SlackPayloads.ASKER, SlackPayloads.djangoAnswers())
                .toJson(JSON);
        String payload = SlackPayloads.reanswerClick(TEAMMATE, CHANNEL, PARENT_TS, value).toString();
        return new BlockActionRequest(SignedRequests.payloadForm(payload), payload, new RequestHeaders(Map.of()));
    }

    private static String initialOption(JsonNode view, String blockId) {
        for (JsonNode block : view.path("blocks")) {
            if (blockId.equals(block.path("block_id").asText())) {
                JsonNode initial = block.path("element").path("initial_option");
                return initial.isMissingNode() ? null : initial.path("value").asText();
            }
        }
        throw new AssertionError("no block " + blockId);
    }
}
