package com.frameworkadvisor.bench;

import com.frameworkadvisor.support.SignedRequests;
import com.frameworkadvisor.support.SlackPayloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the class-data-sharing archive the launch files use ({@code -XX:SharedArchiveFile}): starts the packaged
 * app with the Procfile's command and {@code -XX:ArchiveClassesAtExit}, sends it the requests Slack sends (slash
 * commands, submissions, a Re-answer click), and stops it, so the JVM archives every class those paths load. The
 * next start maps them instead of loading and verifying them again (docs/performance.md: cold start).
 *
 * <p>Runs in the {@code package} phase. A failure leaves no archive and does not fail the build: the app starts
 * without one, only slower, and says nothing about it.
 */
public final class CdsTraining {
    static final Path ARCHIVE = Path.of("target/framework-advisor.jsa");
    private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";
    private static final int ROUNDS = 200;

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Files.deleteIfExists(ARCHIVE);
        String problem;
        try (FastFakeSlack slack = new FastFakeSlack()) {
            problem = train(slack);
        } catch (Exception e) {
            // Whatever went wrong (no free port, a Procfile without java), the build goes on without the archive.
            problem = e.toString();
        }
        if (problem != null) {
            Files.deleteIfExists(ARCHIVE);
            System.out.println("[WARNING] class-data archive not built (" + problem + "): the app will start "
                    + "without it, about twice as slowly");
            return;
        }
        System.out.printf("[INFO] class-data archive %s built in %.1f s (%d MB)%n", ARCHIVE,
                (System.nanoTime() - started) / 1e9, Files.size(ARCHIVE) / (1024 * 1024));
    }

    /** @return what went wrong, or null when the archive was written */
    private static String train(FastFakeSlack slack) throws Exception {
        List<String> command = new ArrayList<>();
        for (String part : AppProcess.procfileCommand()) {
            if (!part.startsWith(ARCHIVE_FLAG)) {
                command.add(part);
            }
        }
        command.add(command.indexOf(AppProcess.JAVA) + 1, "-XX:ArchiveClassesAtExit=" + ARCHIVE);
        AppProcess app = AppProcess.start(command, slack.url());
        try (LoadConnection connection = app.connect()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (app.once(c -> app.get(c, "/health")) != 200) {
                if (!app.isAlive() || System.nanoTime() > deadline) {
                    return "the app did not start";
                }
                Thread.sleep(20);
            }
            String value = "{\"project\":\"Training\",\"asked_by\":\"" + SlackPayloads.ASKER + "\",\"answers\":"
                    + "{\"admin_ui\":\"yes\",\"auth\":\"yes\"}}";
            for (int round = 0; round < ROUNDS; round++) {
                String channel = AppRun.channel(round);
                for (String request : List.of(
                        SlackPayloads.slashCommand("/framework", "Training", SlackPayloads.ASKER, channel),
                        SignedRequests.payloadForm(SlackPayloads.viewSubmission(SlackPayloads.ASKER,
                                SlackPayloads.newDecisionMetadata(channel), SlackPayloads.djangoAnswers(),
                                "Training").toString()),
                        SignedRequests.payloadForm(SlackPayloads.reanswerClick(SlackPayloads.ASKER, channel,
                                "1700000000.000100", value).toString()),
                        SlackPayloads.slashCommand("/framework", round % 2 == 0 ? "help" : "history",
                                SlackPayloads.ASKER, channel))) {
                    if (app.post(connection, request) != 200) {
                        return "the app refused a training request";
                    }
                }
            }
            Thread.sleep(500); // let the posting threads finish, so their classes are archived too
        } finally {
            app.close();
        }
        return Files.exists(ARCHIVE) ? null : "the JVM wrote no archive";
    }
}
