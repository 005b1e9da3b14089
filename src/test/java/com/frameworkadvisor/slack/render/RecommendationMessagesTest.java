package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.slack.render.Authors;
import com.frameworkadvisor.support.AnswerCombinations;
import com.frameworkadvisor.support.BlockKitLimits;
import com.frameworkadvisor.support.SlackPayloads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every recommendation message keeps, whatever the answers: DESIGN.md's metadata on each message, article
 * 004's FastAPI note only where it applies, and Slack's Block Kit limits (ParentRendererTest and ThreadRendererTest
 * compare whole messages with fixtures).
 */
class RecommendationMessagesTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Scorer SCORER = new Scorer(BANK);
    private static final String ASKER = "U0ASKER1";
    /** The longest project name accepted, made of the characters that grow most when escaped or JSON-encoded. */
    private static final String WORST_PROJECT = "<&>\"\\".repeat(16);
    /** The longest user ids a mention is built from. */
    private static final String LONG_USER = "U" + "A".repeat(30);
    private static final String OTHER_LONG_USER = "W" + "B".repeat(30);

    private final ParentRenderer parents = new ParentRenderer(JSON);
    private final ThreadRenderer threads = new ThreadRenderer(BANK, JSON);

    @Test
    void the_parent_metadata_holds_the_fields_of_the_design_contract() throws Exception {
        Recommendation r = score(SlackPayloads.djangoAnswers());

        SlackMessage parent = parents.parent(r, new Authors(Optional.of("Customer portal"), ASKER, ASKER));

        ObjectNode expected = (ObjectNode) JSON.readTree("""
                {"event_type": "framework_recommendation",
                 "event_payload": {"recommendation": "django", "scores": {"django": 5, "flask": 0},
                                   "margin": 5, "confidence": "strong", "consider_fastapi": false,
                                   "fastapi": "none", "basis": "count", "decided_by_tie": false,
                                   "decisive": [], "project": "Customer portal",
                                   "asked_by": "U0ASKER1", "answered_by": "U0ASKER1"}}""");
        ((ObjectNode) expected.path("event_payload")).set("answers", JSON.valueToTree(SlackPayloads.djangoAnswers()));
        assertEquals(expected, parent.metadata());
    }

    @Test
    void every_message_of_a_recommendation_carries_the_same_metadata() {
        Recommendation r = score(SlackPayloads.djangoAnswers());
        Authors authors = new Authors(Optional.empty(), ASKER, ASKER);

        SlackMessage parent = parents.parent(r, authors);
        SlackMessage explanation = threads.explanation(r, SCORER.whatWouldChange(r), authors);

        assertEquals(parent.metadata(), explanation.metadata());
        assertEquals(parent.metadata(), parents.withNote(parent, "A note.").metadata());
        assertFalse(parent.metadata().path("event_payload").has("project"), "no project, no project field");
    }

    @Test
    void without_a_fastapi_answer_there_is_no_fastapi_note() {
        Recommendation r = score(SlackPayloads.djangoAnswers());
        Authors authors = new Authors(Optional.empty(), ASKER, ASKER);

        assertFalse(allText(parents.parent(r, authors).blocks()).contains("FastAPI"));
        assertFalse(allText(threads.explanation(r, SCORER.whatWouldChange(r), authors).blocks()).contains("FastAPI"));
    }

    @Test
    void every_message_for_every_enumerated_answer_set_is_within_slack_limits() {
        Map<String, Map<String, String>> corners = AnswerCombinations.of(BANK, 0);
        Recommendation firstOptions = score(corners.get("every first option"));
        Map<String, String> lastOptions = corners.get("every last option before unsure");
        Authors worst = new Authors(Optional.of(WORST_PROJECT), LONG_USER, OTHER_LONG_USER);
        Map<String, List<String>> problems = new LinkedHashMap<>();

        AnswerCombinations.of(BANK, 300).forEach((description, answers) -> {
            Recommendation r = score(answers);
            SlackMessage parent = parents.parent(r, worst);
            Map<String, SlackMessage> messages = new LinkedHashMap<>();
            messages.put("parent", parent);
            messages.put("explanation", threads.explanation(r, SCORER.whatWouldChange(r), worst));
            messages.put("revision", threads.revision(r, firstOptions, SCORER.whatWouldChange(r), worst));
            TeamTally team = TeamTally.of(BANK, SCORER, List.of(answers, firstOptions.answers().asMap(), lastOptions));
            messages.put("team parent", parents.parent(r, worst, Optional.of(team)));
            for (String error : List.of("not_in_channel", "channel_not_found", "is_archived")) {
                messages.put("DM after " + error,
                        parents.withNote(parent, Notices.whyNotPosted("C0PRIVATE", error)));
            }
            messages.forEach((name, message) -> {
                List<String> found = new ArrayList<>(BlockKitLimits.messageProblems(message.text(),
                        message.blocks()));
                found.addAll(metadataProblems(message.metadata(), r));
                if (name.equals("team parent")) {
                    found.addAll(teamMetadataProblems(message.metadata().path("event_payload").path("team")));
                }
                if (!found.isEmpty()) {
                    problems.put(description + ", " + name, found);
                }
            });
        });

        assertTrue(problems.isEmpty(), problems.size() + " answer sets break Slack's limits, e.g. "
                + problems.entrySet().stream().limit(10).toList());
    }

    /** What a tool reading the metadata relies on (DESIGN.md, recommendation metadata). */
    private static List<String> metadataProblems(JsonNode metadata, Recommendation r) {
        List<String> problems = new ArrayList<>();
        JsonNode payload = metadata.path("event_payload");
        if (!SlackIds.RECOMMENDATION_EVENT.equals(metadata.path("event_type").asText())) {
            problems.add("event_type is " + metadata.path("event_type"));
        }
        if (!payload.path("recommendation").asText().equals(r.framework().id())) {
            problems.add("recommendation is " + payload.path("recommendation"));
        }
        if (payload.path("scores").path("django").asInt(-1) != r.scores().django()
                || payload.path("scores").path("flask").asInt(-1) != r.scores().flask()) {
            problems.add("scores are " + payload.path("scores"));
        }
        if (!payload.path("confidence").isTextual() || !payload.path("consider_fastapi").isBoolean()) {
            problems.add("confidence or consider_fastapi missing: " + payload);
        }
        if (!payload.path("answers").equals(JSON.valueToTree(r.answers().asMap()))) {
            problems.add("answers are " + payload.path("answers"));
        }
        return problems;
    }

    /** DESIGN.md's team metadata, for a thread where three people answered. */
    private static List<String> teamMetadataProblems(JsonNode team) {
        List<String> problems = new ArrayList<>();
        if (team.path("people").asInt() != 3) {
            problems.add("team.people is " + team.path("people"));
        }
        if (team.path("django").asInt(-1) + team.path("flask").asInt(-1) != 3) {
            problems.add("each of the 3 people counts once for one side: " + team);
        }
        if (!List.of("django", "flask").contains(team.path("recommendation").asText())) {
            problems.add("team.recommendation is " + team.path("recommendation"));
        }
        if (!team.path("split").isArray()) {
            problems.add("team.split is " + team.path("split"));
        }
        return problems;
    }

    private static Recommendation score(Map<String, String> answers) {
        return SCORER.score(BANK.answers(answers));
    }

    /** Every question unsure except the {@code question, option} pairs given. */
    private static Map<String, String> answers(String... questionOptionPairs) {
        Map<String, String> answers = new LinkedHashMap<>();
        BANK.questions().forEach(q -> answers.put(q.id(), "unsure"));
        for (int i = 0; i < questionOptionPairs.length; i += 2) {
            answers.put(questionOptionPairs[i], questionOptionPairs[i + 1]);
        }
        return answers;
    }

    private static JsonNode reanswerButton(JsonNode blocks) {
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if (SlackIds.REANSWER.equals(element.path("action_id").asText())) {
                    return element;
                }
            }
        }
        throw new AssertionError("no Re-answer button in " + blocks);
    }

    /** The text of every text object in a block tree, one per line. */
    private static String allText(JsonNode node) {
        StringBuilder text = new StringBuilder();
        collectText(node, text);
        return text.toString();
    }

    private static void collectText(JsonNode node, StringBuilder into) {
        String type = node.path("type").asText();
        if ((type.equals("mrkdwn") || type.equals("plain_text")) && node.path("text").isTextual()) {
            into.append(node.path("text").asText()).append('\n');
        }
        for (JsonNode child : node) {
            collectText(child, into);
        }
    }
}
