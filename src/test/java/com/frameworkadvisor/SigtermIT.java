package com.frameworkadvisor;

import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.FakeSlackApi.Call;
import com.frameworkadvisor.support.PackagedApp;
import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app stopped by SIGTERM right after a submission's ack, while an earlier Slack call has timed out:
 * the shutdown hook still delivers the acked submission whole (its parent and its thread reply), logs that it
 * stopped, and exits 0. Regression for a report where the parent reached Slack, its reply never did, the process
 * was gone within half a second and the log had no {@code stopped} line.
 */
class SigtermIT {
    private static final String FIRST = "Sigterm first";
    private static final String SECOND = "Sigterm second";
    /** The app's Slack read timeout, and how late the fake answers the first post: well past it. */
    private static final String READ_TIMEOUT_MS = "1000";
    private static final long FIRST_POST_DELAY_MS = 2_500;
    /**
     * How late the fake answers every later post: well within the timeout (a loaded machine must not turn it into
     * another timeout), but long enough that the second submission's posts are still under way when SIGTERM
     * arrives, so a stop that does not wait for them loses them.
     */
    private static final long LATER_POST_DELAY_MS = 250;
    /** The logger's line for the end of an orderly stop (web/AdvisorServer#stop). */
    private static final Pattern STOPPED = Pattern.compile("(?m) AdvisorServer request_id=\\S+ stopped$");

    @TempDir
    Path data;

    @Test
    void sigterm_right_after_an_ack_while_an_earlier_post_timed_out_delivers_it_whole_and_exits_0() throws Exception {
        Path log = PackagedApp.reports("SigtermIT").resolve("app.log");
        Files.deleteIfExists(log);
        try (FakeSlackApi slack = new FakeSlackApi();
             PackagedApp app = PackagedApp.start(slack, "jdbc:h2:file:" + data.resolve("advisor"), log,
                     Map.of("SLACK_API_TIMEOUT_MS", READ_TIMEOUT_MS))) {
            app.awaitHealthy();
            // The database opens after the server listens; with it open, each submission goes the durable way.
            Waits.atMost(PackagedApp.START).until(() -> app.log().contains("database_ready"));
            SignedRequests requests = app.requests();
            // Given a first submission whose parent post Slack answers too late: the app's call timed out.
            slack.delayNext("chat.postMessage", FIRST_POST_DELAY_MS);
            assertAcked(requests.post(submission(FIRST)));
            Waits.atMost(Duration.ofSeconds(20))
                    .until(() -> app.log().contains("slack_no_answer method=chat.postMessage"));

            // When a second submission is acked and the app is stopped (SIGTERM) at once, its posts under way.
            slack.delayEvery("chat.postMessage", LATER_POST_DELAY_MS);
            assertAcked(requests.post(submission(SECOND)));
            long stoppedAt = System.nanoTime();
            app.process().destroy();
            int exitCode = app.awaitExit(Duration.ofSeconds(60));
            long exitMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
            System.out.println("SigtermIT: exit code " + exitCode + ", " + exitMillis + " ms after SIGTERM");
            List<Call> posts = slack.calls("chat.postMessage"); // all the process sent before it exited

            // Then the second submission reached Slack whole before the process exited, and it stopped in order.
            String context = "exited " + exitMillis + " ms after SIGTERM with " + exitCode + "; calls: "
                    + slack.methods() + "\nlog:\n" + app.tail();
            Optional<Call> parent = posts.stream().filter(c -> c.param("thread_ts") == null)
                    .filter(c -> SECOND.equals(project(c))).findFirst();
            assertTrue(parent.isPresent(), "the second submission's parent was posted; " + context);
            assertTrue(slack.answeredOk(parent.get()), "Slack answered the parent; " + context);
            String parentTs = slack.answerTo(parent.get()).path("ts").asText();
            assertTrue(posts.stream().anyMatch(c -> parentTs.equals(c.param("thread_ts"))),
                    "the second submission's thread reply was posted under its parent " + parentTs + "; "
                            + context);
            assertEquals(0, exitCode, "exit code; " + context);
            assertTrue(STOPPED.matcher(app.log()).find(), "the log has the stopped line; " + context);
        }
    }

    private static String submission(String project) {
        return SignedRequests.payloadForm(SlackPayloads.viewSubmission(SlackPayloads.ASKER,
                SlackPayloads.newDecisionMetadata(SlackPayloads.CHANNEL), SlackPayloads.djangoAnswers(), project)
                .toString());
    }

    /** An ack closes the modal: HTTP 200 with an empty body (a body with "errors" refuses the submission). */
    private static void assertAcked(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().isEmpty(), "an empty ack, not a refusal: " + response.body());
    }

    /** The project a parent message names, from the metadata every recommendation carries. */
    private static String project(Call post) {
        String metadata = post.param("metadata");
        return metadata == null ? null : post.json("metadata").path("event_payload").path("project").asText(null);
    }
}
