package com.frameworkadvisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();
    private static final String ISSUE_EXAMPLE =
            "admin_ui=yes auth=yes api_only=no team_experience=under_2_years outlook=crud_auth_admin";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void questions_lists_every_question_and_option_id() {
        // when
        Run run = run("", "questions");

        // then: question lines start at the margin, option lines are indented under them
        assertEquals(Cli.EXIT_OK, run.exit());
        Map<String, List<String>> listed = new LinkedHashMap<>();
        String current = null;
        for (String line : run.out().lines().toList()) {
            String id = line.strip().split("\\s+")[0];
            if (line.startsWith(" ")) {
                listed.get(current).add(id);
            } else {
                current = id;
                listed.put(id, new ArrayList<>());
            }
        }
        Map<String, List<String>> bank = new LinkedHashMap<>();
        for (Question question : BANK.questions()) {
            bank.put(question.id(), question.options().stream().map(Option::id).toList());
        }
        assertEquals(bank, listed);
        assertEquals("", run.err());
    }

    @Test
    void recommend_json_has_the_metadata_fields_reasons_and_citations() throws JsonProcessingException {
        // when
        Run run = run("", ("recommend " + ISSUE_EXAMPLE + " --json").split(" "));

        // then
        assertEquals(Cli.EXIT_OK, run.exit(), run.err());
        JsonNode report = json.readTree(run.out());
        ObjectNode summary = report.deepCopy();
        summary.retain("recommendation", "scores", "confidence", "consider_fastapi", "answers");
        assertEquals(json.readTree("""
                {
                  "recommendation": "django",
                  "scores": {"django": 5, "flask": 0},
                  "confidence": "strong",
                  "consider_fastapi": false,
                  "answers": {
                    "admin_ui": "yes", "auth": "yes", "api_only": "no", "team_experience": "under_2_years",
                    "outlook": "crud_auth_admin", "lifetime": "unsure", "scope_growth": "unsure",
                    "persistence": "unsure", "project_type": "unsure", "realtime": "unsure", "scale": "unsure",
                    "knows_django": "unsure", "knows_flask": "unsure", "regulated": "unsure",
                    "complex_roles": "unsure", "many_entities": "unsure", "own_data_layer": "unsure",
                    "composition": "unsure", "typed_contracts": "unsure"
                  }
                }
                """), summary);
        List<String> reasonQuestions = new ArrayList<>();
        report.path("reasons").forEach(r -> reasonQuestions.add(r.path("question").asText()));
        assertEquals(List.of("admin_ui", "auth", "api_only", "team_experience", "outlook"), reasonQuestions);
        assertAll(stream(report.path("reasons")).map(reason -> () -> {
            assertEquals("django", reason.path("direction").asText());
            assertTrue(reason.path("citations").size() > 0, reason.path("question") + " cites nothing");
            for (JsonNode citation : reason.path("citations")) {
                assertTrue(citation.path("number").isInt(), citation.toString());
                assertFalse(citation.path("quote").asText().isBlank(), citation.toString());
            }
        }));
        assertEquals(json.readTree("""
                [{"number": 1, "id": "relia"}, {"number": 2, "id": "geeksforgeeks"}]
                """), sourceNumbers(report));
    }

    @Test
    void the_text_report_says_what_would_change_it_and_article_004s_fastapi_verdict() {
        // when
        Run run = run("", "recommend", "api_only=yes", "outlook=high_throughput_json", "team_experience=over_5_years",
                "persistence=none");

        // then
        assertEquals(Cli.EXIT_OK, run.exit(), run.err());
        assertTrue(run.out().startsWith("Article 004 points to FastAPI over both Django and Flask.\n"
                + "Django or Flask: Flask\n"), run.out());
        assertTrue(run.out().contains("\nWhat would change it:\n  - One changed answer would make it Django: "
                + "API only → No or Not sure.\n"), run.out());
        assertTrue(run.out().contains("  - Whatever the count, article 004 would make it Django if "), run.out());
        assertFalse(run.out().contains("the articles say"), "only article 004 mentions FastAPI: " + run.out());
    }

    @Test
    void the_json_report_lists_what_would_change_it() throws JsonProcessingException {
        // when
        Run run = run("", ("recommend " + ISSUE_EXAMPLE + " --json").split(" "));

        // then
        JsonNode change = json.readTree(run.out()).path("what_would_change");
        assertEquals("flask", change.path("to").asText());
        assertEquals(0, change.path("single_changes").size(), "Django 5–0: no single answer flips it");
        assertEquals(3, change.path("fewest_changes").asInt());
        assertEquals(3, change.path("example").size());
        assertEquals(json.readTree("{\"question\":\"api_only\",\"from\":\"no\",\"to\":\"yes\"}"),
                change.path("example").get(0));
    }

    @Test
    void recommend_json_counts_questions_left_out_as_unsure() throws JsonProcessingException {
        // when
        Run run = run("", "recommend", "api_only=yes", "--json");

        // then
        assertEquals(Cli.EXIT_OK, run.exit(), run.err());
        JsonNode report = json.readTree(run.out());
        assertEquals("flask", report.path("recommendation").asText());
        assertTrue(report.path("consider_fastapi").asBoolean());
        assertEquals(BANK.questions().size(), report.path("answers").size());
        assertEquals("unsure", report.path("answers").path("admin_ui").asText());
    }

    @Test
    void recommend_text_report_has_headline_reasons_and_numbered_sources_with_links() {
        // when
        Run run = run("", ("recommend " + ISSUE_EXAMPLE).split(" "));

        // then
        assertEquals(Cli.EXIT_OK, run.exit(), run.err());
        String report = run.out();
        assertTrue(report.startsWith("Recommendation: Django\n"), report);
        assertTrue(report.contains("Confidence:     Strong."), report);
        for (Question question : BANK.questions().subList(0, 5)) {
            assertTrue(report.contains("  - " + question.shortLabel() + ": "), question.id() + " missing:\n" + report);
        }
        String sources = report.substring(report.indexOf("\nSources:\n"));
        assertTrue(sources.contains("[1] Relia Software"), sources);
        assertTrue(sources.contains("https://reliasoftware.com/"), sources);
        assertTrue(sources.contains("[2] GeeksforGeeks"), sources);
        assertTrue(sources.contains("https://www.geeksforgeeks.org/"), sources);
    }

    @Test
    void unknown_question_exits_2_with_one_line_naming_it_and_the_valid_ids() {
        // when
        Run run = run("", "recommend", "admin=yes");

        // then
        assertEquals(Cli.EXIT_USAGE, run.exit());
        assertEquals("", run.out());
        String error = firstLine(run.err());
        assertTrue(error.contains("'admin'"), error);
        String validIds = BANK.questions().stream().map(Question::id).collect(Collectors.joining(", "));
        assertTrue(error.contains(validIds), error);
        assertNoStackTrace(run);
    }

    @Test
    void unknown_option_exits_2_with_one_line_naming_it_and_the_valid_options() {
        // when
        Run run = run("", "recommend", "admin_ui=maybe", "--json");

        // then
        assertEquals(Cli.EXIT_USAGE, run.exit());
        assertEquals("", run.out());
        String error = firstLine(run.err());
        assertTrue(error.contains("'maybe'"), error);
        assertTrue(error.contains("'admin_ui'"), error);
        assertTrue(error.contains("yes, no, unsure"), error);
        assertNoStackTrace(run);
    }

    @Test
    void argument_without_equals_sign_exits_2_naming_it() {
        // when
        Run run = run("", "recommend", "admin_ui");

        // then
        assertEquals(Cli.EXIT_USAGE, run.exit());
        assertTrue(firstLine(run.err()).contains("'admin_ui' is not question=option"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void batch_answers_each_line_and_reports_bad_lines_by_number() throws JsonProcessingException {
        // given
        String in = String.join("\n",
                "{\"admin_ui\": \"yes\", \"auth\": \"yes\", \"api_only\": \"no\"}",
                "{\"admin_ui\": \"yes\"",
                "[\"admin_ui\", \"yes\"]",
                "{\"admin_ui\": true}",
                "{\"admin\": \"yes\"}",
                "{\"api_only\": \"yes\", \"outlook\": \"keep_small\"}") + "\n";

        // when
        Run run = run(in, "recommend", "--batch");

        // then
        assertEquals(Cli.EXIT_OK, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(6, lines.size(), run.out());
        List<JsonNode> results = new ArrayList<>();
        for (String line : lines) {
            results.add(json.readTree(line));
        }
        assertAll(
                () -> assertEquals("django", results.get(0).path("recommendation").asText(), lines.get(0)),
                () -> assertError(results.get(1), 2, "not valid JSON"),
                () -> assertError(results.get(2), 3, "expected a JSON object"),
                () -> assertError(results.get(3), 4, "'admin_ui' must be an option id string"),
                () -> assertError(results.get(4), 5, "unknown question 'admin'"),
                () -> assertEquals("flask", results.get(5).path("recommendation").asText(), lines.get(5)),
                () -> assertTrue(results.get(5).path("reasons").size() > 0, lines.get(5)));
        assertEquals("", run.err());
    }

    @Test
    void batch_result_line_equals_the_json_of_recommend() throws JsonProcessingException {
        // given
        Run single = run("", ("recommend " + ISSUE_EXAMPLE + " --json").split(" "));
        String line = "{\"admin_ui\": \"yes\", \"auth\": \"yes\", \"api_only\": \"no\", "
                + "\"team_experience\": \"under_2_years\", \"outlook\": \"crud_auth_admin\"}\n";

        // when
        Run batch = run(line, "recommend", "--batch");

        // then
        assertEquals(json.readTree(single.out()), json.readTree(batch.out()));
    }

    @Test
    void batch_flag_alone_reads_stdin_as_design_md_shows() throws JsonProcessingException {
        // when
        Run run = run("{\"api_only\": \"yes\"}\n", "--batch");

        // then
        assertEquals(Cli.EXIT_OK, run.exit(), run.err());
        assertEquals("flask", json.readTree(run.out()).path("recommendation").asText());
    }

    @Test
    void batch_line_with_trailing_junk_or_a_question_twice_is_an_error() throws JsonProcessingException {
        // given
        String in = "{\"admin_ui\": \"yes\"} {\"auth\": \"bogus\"}\n"
                + "{\"admin_ui\": \"yes\", \"admin_ui\": \"no\"}\n";

        // when
        Run run = run(in, "recommend", "--batch");

        // then
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertError(json.readTree(lines.get(0)), 1, "not valid JSON");
        assertError(json.readTree(lines.get(1)), 2, "not valid JSON");
        assertTrue(lines.get(1).contains("admin_ui"), lines.get(1));
    }

    private static void assertError(JsonNode result, int line, String problem) {
        assertEquals(line, result.path("line").asInt(), result.toString());
        assertTrue(result.path("error").asText().contains(problem), result.toString());
        assertFalse(result.has("recommendation"), result.toString());
    }

    private static void assertNoStackTrace(Run run) {
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** The report's source list cut down to number and id. */
    private static JsonNode sourceNumbers(JsonNode report) {
        JsonNode sources = report.path("sources").deepCopy();
        sources.forEach(source -> ((ObjectNode) source).retain("number", "id"));
        return sources;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    /** What one command printed and returned. */
    private record Run(int exit, String out, String err) {
    }

    private Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exit = new Cli(BANK, new Scorer(BANK), json).run(args,
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), outStream, errStream);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
