package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.cli.Cli;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.slack.render.Mrkdwn;
import com.frameworkadvisor.support.AppUnderTest;
import com.frameworkadvisor.support.ArticleScenarios;
import com.frameworkadvisor.support.ArticleScenarios.Scenario;
import com.frameworkadvisor.support.FakeSlackApi;
import com.frameworkadvisor.support.SlackPayloads;
import com.frameworkadvisor.support.TestApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.frameworkadvisor.support.SlackPayloads.ASKER;
import static com.frameworkadvisor.support.SlackPayloads.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sample of the scenarios written from the articles, submitted through the real app to the fake Slack: the posted
 * parent and thread give the article's result, and say what the command line says for the same answers.
 */
class ArticleScenariosFlowTest extends AppUnderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Scenario> sample() {
        return ArticleScenarios.of("internal_tool_admin", "three_flask_answers", "high_throughput_json_api",
                "nosql_without_a_clear_service", "complex_roles_in_an_api", "tied_answers", "admin_team_product");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void slack_posts_the_articles_result_with_the_same_advice_as_the_command_line(Scenario scenario) {
        app.postPayload(SlackPayloads.viewSubmission(ASKER, SlackPayloads.newDecisionMetadata(CHANNEL),
                SlackPayloads.answers(scenario.answers()), null));

        List<FakeSlackApi.Call> posts = app.slack.await("chat.postMessage", 2, WAIT);
        FakeSlackApi.Call parent = posts.get(0);
        String thread = posts.get(1).param("blocks");
        JsonNode metadata = parent.json("metadata").path("event_payload");
        assertEquals(scenario.recommendation(), metadata.path("recommendation").asText());
        assertEquals(scenario.confidence(), metadata.path("confidence").asText());
        assertEquals(scenario.fastApi(), metadata.path("fastapi").asText());
        String headline = parent.json("blocks").get(0).path("text").path("text").asText();
        assertEquals(scenario.fastApi().equals("instead"), headline.startsWith("Article 004 points to FastAPI"),
                headline);
        assertTrue(thread.contains(jsonText(Mrkdwn.escape(scenario.sentence()))),
                "the thread quotes the deciding sentence «" + scenario.sentence() + "»: " + thread);

        CliRun cli = cli(scenario);
        JsonNode report = cli.json();
        for (String field : List.of("recommendation", "confidence", "fastapi", "basis", "scores")) {
            assertEquals(report.path(field), metadata.path(field), "the CLI and Slack agree on " + field);
        }
        List<String> changes = cli.section("What would change it:");
        assertFalse(changes.isEmpty(), cli.text());
        for (String line : changes) {
            assertTrue(thread.contains(jsonText(Mrkdwn.escape(line))), "the thread says «" + line + "»: " + thread);
        }
        assertTrue(cli.text().contains(scenario.sentence()), "the CLI quotes the deciding sentence: " + cli.text());
    }

    /** What the command line prints for a scenario's answers, as text and as JSON. */
    private record CliRun(String text, JsonNode json) {
        /** The bulleted lines under a heading of the text report. */
        List<String> section(String heading) {
            List<String> lines = new ArrayList<>();
            boolean in = false;
            for (String line : text.lines().toList()) {
                if (line.equals(heading)) {
                    in = true;
                } else if (in && line.startsWith("  - ")) {
                    lines.add(line.substring(4));
                } else if (in) {
                    break;
                }
            }
            return lines;
        }
    }

    private static CliRun cli(Scenario scenario) {
        List<String> args = new ArrayList<>(List.of("recommend"));
        scenario.answers().forEach((question, option) -> args.add(question + "=" + option));
        String text = runCli(args);
        args.add("--json");
        try {
            return new CliRun(text, JSON.readTree(runCli(args)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String runCli(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int exit = new Cli(TestApp.bank(), new Scorer(TestApp.bank()), JSON).run(args.toArray(String[]::new),
                    new ByteArrayInputStream(new byte[0]), print, print);
            assertEquals(Cli.EXIT_OK, exit, out.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Text as it stands inside a JSON string (the blocks parameter is JSON). */
    private static String jsonText(String text) {
        String quoted = JSON.valueToTree(text).toString();
        return quoted.substring(1, quoted.length() - 1);
    }
}
