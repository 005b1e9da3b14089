package com.frameworkadvisor.slack.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.render.ParentRenderer;
import com.frameworkadvisor.slack.render.ThreadRenderer;
import com.frameworkadvisor.slack.webapi.BotTokens;
import com.frameworkadvisor.slack.webapi.RetryClock;
import com.frameworkadvisor.slack.webapi.SlackConnection;
import com.frameworkadvisor.slack.webapi.SlackHealth;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.Database;
import com.frameworkadvisor.store.DatabaseUrl;
import com.frameworkadvisor.store.JdbcDecisionStore;
import com.frameworkadvisor.store.JdbcDeliveryStore;
import com.frameworkadvisor.store.PendingDelivery;
import com.frameworkadvisor.store.PendingDelivery.PostedMessage;
import com.frameworkadvisor.store.ThreadKey;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.LogCapture;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.frameworkadvisor.support.Waits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery worker on a real outbox (H2) and the fake Slack: a delivery left pending resumes from its last
 * recorded step, Slack's outages are waited out, a message Slack refuses is given up and kept, and a stop gives
 * unfinished work back for the next start.
 */
class DeliveryWorkerTest {
    private static final QuestionBank BANK = TestApp.bank();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = SlackPayloads.CHANNEL;
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private FakeSlackApi slack;
    private Database database;
    private String jdbcUrl;
    private JdbcDeliveryStore outbox;
    private DeliveryWorker worker;

    /** Slack's retries inside one attempt wait on this clock: no real waiting between them. */
    private static final class NoWaitClock implements RetryClock {
        private long nanos;

        @Override
        public synchronized long nanoTime() {
            return nanos;
        }

        @Override
        public synchronized void sleep(long millis) {
            nanos += millis * 1_000_000;
        }
    }

    @BeforeEach
    void start() {
        slack = new FakeSlackApi();
        jdbcUrl = "jdbc:h2:mem:worker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = Database.open(DatabaseUrl.parse(Optional.of(jdbcUrl)));
        outbox = new JdbcDeliveryStore(database);
        PostingExecutor executor = new PostingExecutor();
        WebApi api = new WebApi(new SlackConnection(slack.url(), Duration.ofSeconds(5)).transport(JSON),
                BotTokens.single(FakeSlackApi.BOT_TOKEN), new SlackHealth(), executor, new NoWaitClock(), meters);
        Scorer scorer = new Scorer(BANK);
        DecisionPoster poster = new DecisionPoster(api, new ParentRenderer(JSON), new ThreadRenderer(BANK, JSON),
                scorer, BANK, new JdbcDecisionStore(database), Clock.systemUTC());
        worker = new DeliveryWorker(outbox, executor, poster, BANK, JSON, Clock.systemUTC(), meters,
                Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        worker.stop(Duration.ofSeconds(5));
        database.close();
        slack.close();
    }

    private static Submission submission() {
        return new Submission(FakeSlackApi.TEAM_ID, ModalMetadata.newDecision(CHANNEL), SlackPayloads.ASKER,
                Optional.of("Customer portal"), BANK.answers(SlackPayloads.djangoAnswers()));
    }

    @Test
    void a_delivery_left_pending_after_its_parent_was_posted_resumes_with_the_reply_and_never_posts_the_parent_again() {
        String parentTs = "1700000000.000777";
        long id = outbox.accept(Submission.KIND, FakeSlackApi.TEAM_ID, submission().toJson(JSON), Instant.now(),
                "instance-killed", Duration.ofSeconds(30));
        outbox.recordStep(id, "instance-killed", Progress.PARENT_POSTED,
                Optional.of(new PostedMessage(CHANNEL, parentTs)));
        outbox.release("instance-killed");

        worker.start();

        FakeSlackApi.Call reply = slack.await("chat.postMessage", 1, WAIT).get(0);
        assertEquals(parentTs, reply.param("thread_ts"), "the thread reply, under the recorded parent");
        Waits.atMost(WAIT).until(() -> outbox.backlog().pending() == 0);
        worker.stop(Duration.ofSeconds(5));
        assertEquals(1, slack.calls("chat.postMessage").size(), "no parent posted again: " + slack.methods());
        assertTrue(new JdbcDecisionStore(database).findDecision(new ThreadKey(FakeSlackApi.TEAM_ID, CHANNEL, parentTs))
                .isPresent(), "the decision is stored under the recorded parent");
    }

    @Test
    void a_delivery_left_pending_after_its_reply_was_posted_stores_its_answers_and_posts_nothing_again() {
        String parentTs = "1700000000.000778";
        long id = outbox.accept(Submission.KIND, FakeSlackApi.TEAM_ID, submission().toJson(JSON), Instant.now(),
                "instance-killed", Duration.ofSeconds(30));
        PostedMessage parent = new PostedMessage(CHANNEL, parentTs);
        outbox.recordStep(id, "instance-killed", Progress.PARENT_POSTED, Optional.of(parent));
        outbox.recordStep(id, "instance-killed", Progress.REPLY_POSTED, Optional.of(parent));
        outbox.release("instance-killed");

        worker.start();

        Waits.atMost(WAIT).until(() -> outbox.backlog().pending() == 0);
        worker.stop(Duration.ofSeconds(5));
        assertEquals(List.of(), slack.calls("chat.postMessage"), "neither parent nor reply again: " + slack.methods());
        assertTrue(new JdbcDecisionStore(database).findDecision(new ThreadKey(FakeSlackApi.TEAM_ID, CHANNEL, parentTs))
                .isPresent(), "the answers are stored, under the recorded parent");
    }

    @Test
    void a_delivery_slack_could_not_take_is_posted_whole_on_a_later_attempt_once_slack_is_back() {
        for (int i = 0; i < WebApi.Budget.BACKGROUND.attempts(); i++) {
            slack.statusNext("chat.postMessage", 503);
        }
        worker.start();

        worker.accept(submission());

        Waits.atMost(WAIT).until(() -> meters.find("advisor.deliveries").tag("outcome", "delivered").counter()
                != null);
        assertEquals(0, outbox.backlog().pending());
        List<FakeSlackApi.Call> posted = slack.calls("chat.postMessage").stream().filter(slack::answeredOk).toList();
        assertEquals(2, posted.size(), "the parent and its reply, once each: " + slack.methods());
        assertNull(posted.get(0).param("thread_ts"));
        assertEquals(slack.answerTo(posted.get(0)).path("ts").asText(), posted.get(1).param("thread_ts"));
        assertEquals(1.0, meters.get("advisor.deliveries").tag("outcome", "retried").counter().count());
        assertEquals(1.0, meters.get("advisor.deliveries").tag("outcome", "delivered").counter().count());
        assertEquals(1, meters.get("advisor.delivery.time").timer().count());
    }

    @Test
    void a_message_slack_refuses_for_good_is_given_up_kept_as_failed_and_logged_with_its_answers()
            throws SQLException {
        slack.failNext("chat.postMessage", "msg_too_long");
        worker.start();

        try (LogCapture logs = LogCapture.start()) {
            worker.accept(submission());

            logs.await(e -> e.message().startsWith("decision_not_delivered"), 1, WAIT);
            Waits.atMost(WAIT).until(() -> meters.find("advisor.deliveries").tag("outcome", "failed").counter()
                    != null);
            String line = logs.errors("decision_not_delivered").get(0).message();
            assertTrue(line.contains("admin_ui=yes") && line.contains("msg_too_long"), line);
            assertEquals(0, outbox.backlog().pending(), "not tried again");
            assertEquals(1, slack.calls("chat.postMessage").size());
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             ResultSet row = c.createStatement().executeQuery("SELECT state, last_error FROM delivery")) {
            assertTrue(row.next(), "kept");
            assertEquals("failed", row.getString("state"));
            assertTrue(row.getString("last_error").contains("msg_too_long"), row.getString("last_error"));
        }
    }

    @Test
    void a_stop_gives_back_the_delivery_under_way_so_the_next_start_takes_it_at_once() {
        slack.delayNext("chat.postMessage", 3_000);
        worker.start();
        worker.accept(submission());
        slack.await("chat.postMessage", 1, WAIT);

        boolean finished = worker.stop(Duration.ofMillis(200));

        assertEquals(false, finished, "Slack was still holding the post");
        List<PendingDelivery> next = outbox.claim("next-start", 10, Duration.ofSeconds(30));
        assertEquals(1, next.size(), "claimable at once, not after its lease");
    }

    @Test
    void with_the_database_down_a_submission_is_still_posted_from_memory_and_the_log_says_it_is_not_durable() {
        worker.start();
        database.close();

        try (LogCapture logs = LogCapture.start()) {
            worker.accept(submission());

            slack.await("chat.postMessage", 2, WAIT);
            assertEquals(1, logs.events(e -> e.message().startsWith("delivery_not_durable")).size());
        }
    }
}
