package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.delivery.Submission;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import com.frameworkadvisor.support.TestDatabase;
import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several instances on one database, and restarts: each pending delivery is delivered by exactly one instance, a
 * dead instance's deliveries are taken over, and an event Slack redelivers is handled once, whichever instance or
 * incarnation receives it. H2 (two apps in this JVM on one in-memory database) and PostgreSQL when
 * {@code TEST_DATABASE_URL} is set.
 */
class InstancesAndRestartsTest {
    private static final String DATABASES = "com.frameworkadvisor.support.TestDatabase#all";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHANNEL = "C0INSTANCES";

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void a_dead_instances_deliveries_are_taken_over_and_each_is_posted_by_exactly_one_of_two_instances(
            TestDatabase database) {
        String url = database.newUrl();
        int deliveries = 12;
        try (FakeSlackApi slack = new FakeSlackApi();
             TestApp one = TestApp.start(slack, Map.of("DATABASE_URL", url), false);
             TestApp two = TestApp.start(slack, Map.of("DATABASE_URL", url), false)) {
            // Accepted by an instance that then died: held under a lease that is about to pass.
            for (int i = 0; i < deliveries; i++) {
                Submission submission = new Submission(FakeSlackApi.TEAM_ID, ModalMetadata.newDecision(CHANNEL),
                        SlackPayloads.ASKER, Optional.of("Project " + i), TestApp.bank().answers(
                        SlackPayloads.djangoAnswers()));
                one.deliveries.accept(Submission.KIND, FakeSlackApi.TEAM_ID, submission.toJson(JSON), Instant.now(),
                        "instance-dead", Duration.ofSeconds(1));
            }

            Waits.atMost(WAIT).until(() -> one.deliveries.backlog().pending() == 0);
            one.finishPosting();
            two.finishPosting();

            List<FakeSlackApi.Call> parents = slack.calls("chat.postMessage").stream()
                    .filter(c -> CHANNEL.equals(c.param("channel")) && c.param("thread_ts") == null).toList();
            Map<String, Long> perProject = parents.stream().collect(Collectors.groupingBy(
                    c -> c.json("metadata").path("event_payload").path("project").asText(), Collectors.counting()));
            assertEquals(deliveries, perProject.size(), "every delivery was posted: " + perProject);
            assertEquals(Map.of(), filter(perProject, n -> n != 1), "none twice");
            Map<String, Long> repliesPerParent = slack.calls("chat.postMessage").stream()
                    .filter(c -> c.param("thread_ts") != null)
                    .collect(Collectors.groupingBy(c -> c.param("thread_ts"), Collectors.counting()));
            assertEquals(deliveries, repliesPerParent.size());
            assertEquals(Map.of(), filter(repliesPerParent, n -> n != 1), "one reply under each parent");
        }
    }

    private static Map<String, Long> filter(Map<String, Long> counts, Function<Long, Boolean> keep) {
        Map<String, Long> kept = new HashMap<>();
        counts.forEach((key, n) -> {
            if (keep.apply(n)) {
                kept.put(key, n);
            }
        });
        return kept;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void an_event_redelivered_to_another_instance_or_after_a_restart_is_handled_once(TestDatabase database) {
        String url = database.newUrl();
        String event = SlackPayloads.appHomeOpened(SlackPayloads.ASKER, "D0DMASKER1", "Ev" + TestDatabase.userId());
        try (FakeSlackApi slack = new FakeSlackApi()) {
            try (TestApp one = TestApp.start(slack, Map.of("DATABASE_URL", url), false);
                 TestApp two = TestApp.start(slack, Map.of("DATABASE_URL", url), false)) {
                assertEquals(200, one.requests.post(event, "application/json").statusCode());
                slack.await("views.publish", 1, WAIT);

                HttpResponse<String> redelivered = redeliver(two, event);

                assertEquals(200, redelivered.statusCode(), redelivered.body());
                one.finishPosting();
                two.finishPosting();
            }
            try (TestApp restarted = TestApp.start(slack, Map.of("DATABASE_URL", url), false)) {
                assertEquals(200, redeliver(restarted, event).statusCode());
                restarted.finishPosting();
            }
            assertEquals(1, slack.calls("views.publish").size(), "published once: " + slack.methods());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void a_redelivery_of_an_event_whose_first_delivery_never_arrived_is_handled(TestDatabase database) {
        String event = SlackPayloads.appHomeOpened(SlackPayloads.ASKER, "D0DMASKER1", "Ev" + TestDatabase.userId());
        try (TestApp app = TestApp.start(new FakeSlackApi(), Map.of("DATABASE_URL", database.newUrl()), true)) {
            assertEquals(200, redeliver(app, event).statusCode());

            app.slack.await("views.publish", 1, WAIT);
        }
    }

    private static HttpResponse<String> redeliver(TestApp app, String event) {
        Map<String, String> headers = new HashMap<>(app.requests.signedHeaders(event));
        headers.put("X-Slack-Retry-Num", "1");
        headers.put("X-Slack-Retry-Reason", "http_timeout");
        return app.requests.send(event, "application/json", headers);
    }
}
