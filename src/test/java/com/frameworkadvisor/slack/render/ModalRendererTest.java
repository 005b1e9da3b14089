package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.bank.QuestionBankLoader;
import com.frameworkadvisor.decision.CheckboxGroup;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.support.AnswerCombinations;
import com.frameworkadvisor.support.BlockKitLimits;
import com.frameworkadvisor.support.JsonFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision modal, rendered from the shipped question bank, as a JSON tree. */
class ModalRendererTest {
    private static final QuestionBank BANK = new QuestionBankLoader().loadDefault();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "C0GENERAL";
    /** The longest project name accepted, made of the characters that grow most when escaped or JSON-encoded. */
    private static final String WORST_PROJECT = "<&>\"\\".repeat(16);
    /** The longest user id a mention is built from. */
    private static final String LONG_USER = "U" + "A".repeat(30);

    private final ModalRenderer renderer = new ModalRenderer(BANK);

    /** The modal's JSON, checked below; {@link #the_form_encoding_for_views_open_is_the_same_json} ties the two. */
    private ObjectNode render(Optional<String> project, Map<String, String> answers, String metadata,
                              boolean revision) {
        Modal modal = renderer.render(project, answers, metadata, revision);
        return modal.json();
    }

    @Test
    void a_new_decision_modal_asks_every_question_with_the_project_and_given_answers_prefilled() {
        Map<String, String> prefill = Map.of("admin_ui", "yes", "team_experience", "over_5_years",
                "persistence", "relational", "regulated", "yes", "many_entities", "yes");

        ObjectNode view = render(Optional.of("Customer portal"), prefill, newDecision(), false);

        JsonFixtures.assertMatches("slack/expected-modal.json", view);
    }

    @Test
    void every_question_is_a_radio_input_whose_block_and_action_ids_are_the_question_id() {
        ObjectNode view = render(Optional.empty(), Map.of(), newDecision(), false);

        List<JsonNode> inputs = questionBlocks(view);
        assertEquals(BANK.questions().stream().filter(q -> !q.isCheckbox()).map(Question::id).toList(),
                inputs.stream().map(b -> b.path("block_id").asText()).toList(), "one block per question, in order");
        for (JsonNode block : inputs) {
            String id = block.path("block_id").asText();
            assertEquals("input", block.path("type").asText(), id);
            assertEquals("radio_buttons", block.path("element").path("type").asText(), id);
            assertEquals(id, block.path("element").path("action_id").asText(), "action_id of " + id);
        }
    }

    @Test
    void each_checkbox_group_is_one_optional_checkboxes_input_whose_values_are_its_questions_ids() {
        ObjectNode view = render(Optional.empty(), Map.of("regulated", "yes", "composition", "unsure"), newDecision(),
                false);

        for (CheckboxGroup group : BANK.groups()) {
            JsonNode block = block(view, group.id());
            assertEquals("input", block.path("type").asText());
            assertTrue(block.path("optional").asBoolean(), "nobody has to tick anything");
            assertEquals("checkboxes", block.path("element").path("type").asText());
            assertEquals(group.id(), block.path("element").path("action_id").asText());
            List<String> values = new ArrayList<>();
            block.path("element").path("options").forEach(o -> values.add(o.path("value").asText()));
            assertEquals(BANK.questionsIn(group).stream().map(Question::id).toList(), values);
            List<String> ticked = new ArrayList<>();
            block.path("element").path("initial_options").forEach(o -> ticked.add(o.path("value").asText()));
            assertEquals(List.of("regulated"), ticked, "a prefill ticks exactly the boxes answered yes");
        }
        assertFalse(block(render(Optional.empty(), Map.of(), newDecision(), false), "also").path("element")
                .has("initial_options"), "Slack refuses an empty initial_options");
    }

    @Test
    void option_values_are_the_option_ids_and_every_question_offers_unsure() {
        ObjectNode view = render(Optional.empty(), Map.of(), newDecision(), false);

        for (JsonNode block : questionBlocks(view)) {
            Question question = BANK.question(block.path("block_id").asText()).orElseThrow();
            List<String> values = new ArrayList<>();
            block.path("element").path("options").forEach(o -> values.add(o.path("value").asText()));
            assertEquals(question.options().stream().map(Option::id).toList(), values, question.id());
            assertTrue(values.contains(Option.UNSURE), question.id() + " offers unsure");
        }
    }

    @Test
    void option_texts_are_the_words_people_read_never_a_yaml_boolean_or_null() {
        ObjectNode view = render(Optional.empty(), Map.of(), newDecision(), false);

        List<String> suspicious = new ArrayList<>();
        for (JsonNode block : questionBlocks(view)) {
            for (JsonNode option : block.path("element").path("options")) {
                String text = option.path("text").path("text").asText();
                if (Set.of("true", "false", "null", "").contains(text)) {
                    suspicious.add(block.path("block_id").asText() + "=" + option.path("value").asText() + " reads '"
                            + text + "' (an unquoted YAML Yes/No/On/Off/~ in questions.yml?)");
                }
            }
        }
        assertEquals(List.of(), suspicious);
    }

    @Test
    void only_prefilled_questions_carry_an_initial_option_and_it_is_exactly_one_of_their_options() {
        Map<String, String> prefill = Map.of("auth", "no", "outlook", "high_throughput_json", "scale", "unsure");

        ObjectNode view = render(Optional.empty(), prefill, newDecision(), true);

        for (JsonNode block : questionBlocks(view)) {
            String id = block.path("block_id").asText();
            JsonNode element = block.path("element");
            assertEquals(prefill.containsKey(id), element.has("initial_option"), "initial_option on " + id);
            if (element.has("initial_option")) {
                assertEquals(prefill.get(id), element.path("initial_option").path("value").asText(), id);
                assertTrue(contains(element.path("options"), element.path("initial_option")),
                        "Slack rejects an initial_option that differs from every option: " + id);
            }
        }
    }

    @Test
    void unknown_questions_and_options_in_a_prefill_are_left_out() {
        Map<String, String> prefill = Map.of("admin_ui", "maybe", "no_such_question", "yes", "auth", "yes");

        ObjectNode view = render(Optional.empty(), prefill, newDecision(), true);

        for (JsonNode block : questionBlocks(view)) {
            String id = block.path("block_id").asText();
            assertEquals(id.equals("auth"), block.path("element").has("initial_option"), "initial_option on " + id);
        }
        assertFalse(view.path("blocks").toString().contains("no_such_question"));
    }

    @Test
    void the_reanswer_modal_is_titled_re_answer_and_carries_its_private_metadata() {
        String metadata = ModalMetadata.revision(CHANNEL, "1700000000.000101", "1700000000.000101", "U0ASKER1",
                Map.of("admin_ui", "yes")).toJson(JSON);

        ObjectNode view = render(Optional.of("Customer portal"), Map.of("admin_ui", "yes"), metadata, true);

        assertEquals("Re-answer", view.path("title").path("text").asText());
        assertEquals("framework_decision", view.path("callback_id").asText());
        assertEquals(metadata, view.path("private_metadata").asText());
    }

    @Test
    void the_project_block_is_optional_and_prefilled_only_when_there_is_a_name() {
        JsonNode withName = block(render(Optional.of("Customer portal"), Map.of(), newDecision(), false),
                "project");
        JsonNode withoutName = block(render(Optional.empty(), Map.of(), newDecision(), false), "project");

        assertTrue(withName.path("optional").asBoolean(), "the project name is optional");
        assertEquals("project", withName.path("element").path("action_id").asText());
        assertEquals("Customer portal", withName.path("element").path("initial_value").asText());
        assertFalse(withoutName.path("element").has("initial_value"), withoutName.toString());
    }

    @Test
    void a_command_text_longer_than_slack_allows_is_cut_to_fit_the_project_field() {
        ObjectNode view = render(Optional.of("x".repeat(5000)), Map.of(), newDecision(), false);

        assertEquals(List.of(), BlockKitLimits.modalProblems(view));
    }

    @Test
    void every_enumerated_prefill_renders_a_modal_within_slack_limits() {
        Map<String, List<String>> problems = new LinkedHashMap<>();

        AnswerCombinations.of(BANK, 300).forEach((description, answers) -> {
            String metadata = ModalMetadata.revision(CHANNEL, "1700000000.000101", "1700000000.000102",
                    LONG_USER, answers).toJson(JSON);
            for (boolean revision : new boolean[] {false, true}) {
                ObjectNode view = render(Optional.of(WORST_PROJECT), answers, metadata, revision);
                List<String> found = BlockKitLimits.modalProblems(view);
                if (!found.isEmpty()) {
                    problems.put(description + (revision ? " (re-answer)" : ""), found);
                }
            }
        });

        assertTrue(problems.isEmpty(), problems.size() + " answer sets break Slack's limits, e.g. "
                + problems.entrySet().stream().limit(10).toList());
    }

    @Test
    void the_modal_stays_within_slack_limits_the_bank_is_checked_against() {
        ObjectNode view = render(Optional.empty(), Map.of(), newDecision(), false);

        assertTrue(view.path("blocks").size() <= BlockKitLimits.MODAL_BLOCKS, "blocks: " + view.path("blocks").size());
        assertTrue(view.path("title").path("text").asText().length() <= BlockKitLimits.VIEW_TITLE);
        assertEquals(List.of(), BlockKitLimits.modalProblems(view));
    }

    @Test
    void the_form_encoding_for_views_open_is_the_same_json() throws Exception {
        // The question blocks are encoded once per bank and spliced in; a splice in the wrong place, a missing
        // comma or a stale encoding would show here, over pre-selected, new and re-answer modals.
        Map<String, String> checked = new LinkedHashMap<>();
        AnswerCombinations.of(BANK, 50).forEach((description, answers) -> {
            for (boolean revision : new boolean[] {false, true}) {
                Modal modal = renderer.render(Optional.of(WORST_PROJECT + " 🚀"), revision ? answers : Map.of(),
                        newDecision(), revision);
                String decoded = URLDecoder.decode(new String(modal.formEncoded(), StandardCharsets.US_ASCII),
                        StandardCharsets.UTF_8);
                checked.put(description + revision, decoded);
                try {
                    assertEquals(modal.json(), JSON.readTree(decoded), description);
                } catch (IOException e) {
                    throw new AssertionError(description + ": not JSON: " + decoded, e);
                }
            }
        });
        assertTrue(checked.size() >= 100, "modals checked: " + checked.size());
    }

    private static String newDecision() {
        return ModalMetadata.newDecision(CHANNEL).toJson(JSON);
    }

    /** The radio-button inputs: one per question that is not a checkbox. */
    private static List<JsonNode> questionBlocks(JsonNode view) {
        List<JsonNode> blocks = new ArrayList<>();
        for (JsonNode block : view.path("blocks")) {
            if (block.path("element").path("type").asText().equals("radio_buttons")) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static JsonNode block(JsonNode view, String blockId) {
        for (JsonNode block : view.path("blocks")) {
            if (blockId.equals(block.path("block_id").asText())) {
                return block;
            }
        }
        throw new AssertionError("no block " + blockId + " in " + view);
    }

    private static boolean contains(JsonNode array, JsonNode wanted) {
        for (JsonNode item : array) {
            if (item.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
