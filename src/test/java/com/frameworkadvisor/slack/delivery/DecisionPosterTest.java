package com.frameworkadvisor.slack.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.render.Notices;
import com.frameworkadvisor.slack.render.ParentRenderer;
import com.frameworkadvisor.slack.render.ThreadRenderer;
import com.frameworkadvisor.slack.webapi.BotTokens;
import com.frameworkadvisor.slack.webapi.SlackConnection;
import com.frameworkadvisor.slack.webapi.SlackHealth;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.AnswerSet;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.frameworkadvisor.store.StoredDecision;
import com.frameworkadvisor.store.TeamChange;
import com.frameworkadvisor.store.ThreadKey;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Delivery's partial failures, with the store mocked (it is a narrow interface the app owns) and Slack met through
 * the fake Web API: what is stored, posted and told when one step fails after another has succeeded.
 */
@ExtendWith(MockitoExtension.class)
class DecisionPosterTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = SlackPayloads.CHANNEL;
    private static final String ASKER = SlackPayloads.ASKER;
    private static final String TEAMMATE = "U0TEAMMATE";
    /** The thread's parent, a message the test pretends is already in Slack. */
    private static final String PARENT_TS = "1700000000.000100";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final StoredDecision DECISION = new StoredDecision(7, new ThreadKey(FakeSlackApi.TEAM_ID, CHANNEL,
            PARENT_TS), Optional.empty(), ASKER, NOW);

    @Mock
    private DecisionStore store;

    private FakeSlackApi slack;
    private DecisionPoster poster;

    @BeforeEach
    void start() {
        slack = new FakeSlackApi();
        WebApi api = new WebApi(new SlackConnection(slack.url(), Duration.ofSeconds(5)).transport(JSON),
                BotTokens.single(FakeSlackApi.BOT_TOKEN), new SlackHealth(), Runnable::run);
        Scorer scorer = new Scorer(BANK);
        poster = new DecisionPoster(api, new ParentRenderer(JSON), new ThreadRenderer(BANK, JSON), scorer, BANK,
                store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void a_new_decision_the_store_cannot_take_is_still_posted_and_the_asker_is_told_why_it_is_not_counted() {
        when(store.startDecision(any(), any(), any(), any())).thenThrow(new StoreUnavailableException("down", null));

        try (LogCapture logs = LogCapture.start()) {
            poster.deliver(newDecision());

            assertEquals(2, slack.calls("chat.postMessage").size(), "headline and thread reply");
            assertEquals(Notices.POSTED_NOT_STORED, slack.calls("chat.postEphemeral").get(0).param("text"));
            assertTrue(logged(logs, "decision_not_stored"), logs.events().toString());
        }
    }

    @Test
    void revised_answers_stay_stored_when_the_parent_update_then_fails() {
        givenThreadHasAnswersOf(ASKER);
        givenTeamReadsUnderLock();
        slack.failNext("chat.update", "message_not_found");

        try (LogCapture logs = LogCapture.start()) {
            poster.deliver(revisionBy(TEAMMATE));

            verify(store).recordAnswers(eq(DECISION.id()), argThat(set -> set.userId().equals(TEAMMATE)), any());
            assertEquals(PARENT_TS, slack.calls("chat.postMessage").get(0).param("thread_ts"), "the revision reply");
            assertEquals(1, slack.calls("chat.update").size());
            assertTrue(logged(logs, "parent_not_updated"), logs.events().toString());
            assertEquals(List.of(), slack.calls("chat.postEphemeral"), "the answers were counted: nothing to tell");
        }
    }

    @Test
    void the_askers_answers_from_the_button_are_stored_first_when_the_thread_has_none_of_theirs() {
        givenThreadHasAnswersOf();

        poster.deliver(revisionBy(TEAMMATE));

        InOrder order = inOrder(store);
        order.verify(store).recordAnswers(eq(DECISION.id()), argThat(set -> set.userId().equals(ASKER)
                && set.answers().equals(SlackPayloads.djangoAnswers())), any());
        order.verify(store).recordAnswers(eq(DECISION.id()), argThat(set -> set.userId().equals(TEAMMATE)), any());
    }

    @Test
    void the_askers_answers_are_not_stored_again_when_the_thread_has_them() {
        givenThreadHasAnswersOf(ASKER);

        poster.deliver(revisionBy(TEAMMATE));

        verify(store, never()).recordAnswers(anyLong(), argThat(set -> set.userId().equals(ASKER)), any());
        verify(store).recordAnswers(eq(DECISION.id()), argThat(set -> set.userId().equals(TEAMMATE)), any());
    }

    @Test
    void when_the_team_cannot_be_read_under_its_lock_the_parent_shows_the_newest_answers_and_it_is_logged() {
        givenThreadHasAnswersOf(ASKER);
        when(store.withLatestLocked(anyLong(), any())).thenThrow(new StoreUnavailableException("lock timeout",
                null));

        try (LogCapture logs = LogCapture.start()) {
            poster.deliver(revisionBy(TEAMMATE));

            FakeSlackApi.Call update = slack.await("chat.update", 1, Duration.ofSeconds(5)).get(0);
            assertEquals(PARENT_TS, update.param("ts"));
            assertTrue(update.json("metadata").path("event_payload").path("team").isMissingNode(),
                    "without the store, the parent cannot show a team");
            assertEquals(TEAMMATE, update.json("metadata").path("event_payload").path("answered_by").asText());
            assertTrue(logged(logs, "team_parent_not_updated"), logs.events().toString());
        }
    }

    @Test
    void when_the_answers_cannot_be_stored_the_revision_is_posted_and_the_person_is_told_to_press_again() {
        when(store.openDecision(any(), any(), any(), any())).thenThrow(new StoreUnavailableException("down", null));

        try (LogCapture logs = LogCapture.start()) {
            poster.deliver(revisionBy(TEAMMATE));

            assertEquals(1, slack.calls("chat.postMessage").size(), "the revision reply");
            assertEquals(Notices.ANSWERS_NOT_STORED, slack.calls("chat.postEphemeral").get(0).param("text"));
            assertTrue(logged(logs, "answers_not_stored"), logs.events().toString());
        }
    }

    private static boolean logged(LogCapture logs, String event) {
        return !logs.events(e -> e.message().startsWith(event + " ")).isEmpty();
    }

    /** The thread's decision exists and holds the latest answers of these people. */
    private void givenThreadHasAnswersOf(String... people) {
        when(store.openDecision(any(), any(), any(), any())).thenReturn(DECISION);
        List<String> stored = List.of(people);
        when(store.latestAnswers(eq(DECISION.id()), any())).thenAnswer(invocation ->
                stored.contains(invocation.<String>getArgument(1)) ? Optional.of(answerSet(invocation.getArgument(1)))
                        : Optional.empty());
        when(store.recordAnswers(anyLong(), any(), any())).thenAnswer(invocation ->
                new TeamChange(List.of(), List.of(invocation.<AnswerSet>getArgument(1))));
    }

    /** Under the decision's lock, the store reads both people's latest answers. */
    private void givenTeamReadsUnderLock() {
        when(store.withLatestLocked(anyLong(), any())).thenAnswer(invocation ->
                invocation.<Function<List<AnswerSet>, ?>>getArgument(1).apply(List.of(answerSet(ASKER),
                        answerSet(TEAMMATE))));
    }

    private static AnswerSet answerSet(String user) {
        return new AnswerSet(user, SlackPayloads.djangoAnswers(), "django", 5, 0, NOW);
    }

    private static Submission newDecision() {
        return new Submission(FakeSlackApi.TEAM_ID, ModalMetadata.newDecision(CHANNEL), ASKER,
                Optional.of("Customer portal"), BANK.answers(SlackPayloads.djangoAnswers()));
    }

    private static Submission revisionBy(String user) {
        Map<String, String> flask = SlackPayloads.answers(Map.of("api_only", "yes", "team_experience",
                "over_5_years", "outlook", "keep_small"));
        return new Submission(FakeSlackApi.TEAM_ID, ModalMetadata.revision(CHANNEL, PARENT_TS,
                PARENT_TS, ASKER, SlackPayloads.djangoAnswers()), user, Optional.empty(), BANK.answers(flask));
    }
}
