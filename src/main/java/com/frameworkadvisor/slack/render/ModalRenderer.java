package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.CheckboxGroup;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Source;
import com.frameworkadvisor.slack.payload.SlackIds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the decision modal from the question bank. The question blocks are built and form-encoded once per
 * bank; a request builds only its own parts (the project name, the private metadata) and the blocks of
 * questions whose answer it pre-selects.
 */
public final class ModalRenderer {
    /** The longest project name we accept (checked on submit, where the error can be shown on the field). */
    public static final int MAX_PROJECT = 80;
    /** Slack's limit for a plain_text_input's initial value. */
    private static final int MAX_INITIAL_VALUE = 3000;

    private final QuestionBank bank;
    private final List<Modal.Block> questionBlocks;
    private final Modal.Block intro;
    public ModalRenderer(QuestionBank bank) {
        this.bank = bank;
        List<Modal.Block> blocks = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        for (Question question : bank.questions()) {
            Optional<CheckboxGroup> group = question.group().flatMap(bank::group);
            if (group.isEmpty()) {
                blocks.add(Modal.Block.fixed(questionBlock(question)));
            } else if (groups.add(group.get().id())) {
                blocks.add(Modal.Block.fixed(checkboxBlock(group.get(), bank.questionsIn(group.get()))));
            }
        }
        this.questionBlocks = List.copyOf(blocks);
        String sources = bank.sources().stream().map(Source::publisher)
                .map(publisher -> publisher.replaceAll(" \\(.*\\)$", ""))
                .collect(Collectors.joining(", "));
        this.intro = Modal.Block.fixed(BlockKit.section("Answer the questions and I'll recommend *Django* or *Flask*, "
                + "with the reasons and the articles they come from (" + Mrkdwn.escape(sources) + "). Not sure about "
                + "one? Choose _Not sure / doesn't matter_: it counts for neither."));
    }

    /**
     * The modal for a decision.
     *
     * @param project the project name to pre-fill, if any
     * @param answers the answers to pre-select ({@code question id → option id}); unknown ids are ignored
     */
    public Modal render(Optional<String> project, Map<String, String> answers, String privateMetadata,
                        boolean revision) {
        ObjectNode view = BlockKit.object().put("type", "modal").put("callback_id", SlackIds.DECISION_MODAL);
        // Slack: title, submit and close are plain_text of at most 24 characters.
        view.set("title", BlockKit.plainText(revision ? "Re-answer" : "Django or Flask?"));
        view.set("submit", BlockKit.plainText("Recommend"));
        view.set("close", BlockKit.plainText("Cancel"));
        view.put("private_metadata", privateMetadata);
        List<Modal.Block> blocks = new ArrayList<>(questionBlocks.size() + 2);
        blocks.add(intro);
        blocks.add(Modal.Block.fresh(projectBlock(project)));
        for (Modal.Block template : questionBlocks) {
            String questionId = template.json().get("block_id").asText();
            Optional<CheckboxGroup> group = bank.group(questionId);
            if (group.isPresent()) {
                blocks.add(ticked(template, bank.questionsIn(group.get()), answers));
                continue;
            }
            String chosen = answers.get(questionId);
            Optional<Option> option = chosen == null ? Optional.empty()
                    : bank.question(questionId).flatMap(q -> q.option(chosen));
            if (option.isEmpty()) {
                blocks.add(template);
                continue;
            }
            ObjectNode block = template.json().deepCopy();
            // initial_option must equal one of the options exactly, so it is built by the same code.
            ((ObjectNode) block.get("element")).set("initial_option", optionObject(option.get()));
            blocks.add(Modal.Block.fresh(block));
        }
        return new Modal(view, blocks);
    }

    /** The checkbox block with the boxes these answers tick already ticked (Slack: omit an empty list). */
    private static Modal.Block ticked(Modal.Block template, List<Question> boxes, Map<String, String> answers) {
        ArrayNode initial = BlockKit.array();
        for (Question box : boxes) {
            if (Question.TICKED.equals(answers.get(box.id()))) {
                initial.add(checkboxOption(box));
            }
        }
        if (initial.isEmpty()) {
            return template;
        }
        ObjectNode block = template.json().deepCopy();
        ((ObjectNode) block.get("element")).set("initial_options", initial);
        return Modal.Block.fresh(block);
    }

    /** An optional input of checkboxes: each box's value is the id of the yes-or-no question it answers. */
    private static ObjectNode checkboxBlock(CheckboxGroup group, List<Question> boxes) {
        return choiceBlock(group.id(), group.label(), "checkboxes", true,
                boxes.stream().map(ModalRenderer::checkboxOption).toList(), group.help());
    }

    private static ObjectNode checkboxOption(Question box) {
        ObjectNode node = BlockKit.object();
        node.set("text", BlockKit.plainText(box.label()));
        node.put("value", box.id());
        return node;
    }

    private static ObjectNode projectBlock(Optional<String> project) {
        ObjectNode block = BlockKit.object().put("type", "input").put("block_id", SlackIds.PROJECT)
                .put("optional", true);
        block.set("label", BlockKit.plainText("Project name"));
        ObjectNode element = BlockKit.object().put("type", "plain_text_input").put("action_id", SlackIds.PROJECT);
        element.set("placeholder", BlockKit.plainText("e.g. Customer portal"));
        project.filter(p -> !p.isBlank())
                .ifPresent(p -> element.put("initial_value", BlockKit.fit(p, MAX_INITIAL_VALUE)));
        block.set("element", element);
        block.set("hint", BlockKit.plainText("Optional, up to " + MAX_PROJECT + " characters. Shown on the result."));
        return block;
    }

    private static ObjectNode questionBlock(Question question) {
        return choiceBlock(question.id(), question.label(), "radio_buttons", false,
                question.options().stream().map(ModalRenderer::optionObject).toList(), question.help());
    }

    /** An input block of choices whose block id and action id are both {@code id}, as DESIGN.md's modal has. */
    private static ObjectNode choiceBlock(String id, String label, String elementType, boolean optional,
                                          List<ObjectNode> options, Optional<String> help) {
        ObjectNode block = BlockKit.object().put("type", "input").put("block_id", id);
        if (optional) {
            block.put("optional", true);
        }
        block.set("label", BlockKit.plainText(label));
        ObjectNode element = BlockKit.object().put("type", elementType).put("action_id", id);
        element.putArray("options").addAll(options);
        block.set("element", element);
        help.ifPresent(text -> block.set("hint", BlockKit.plainText(text)));
        return block;
    }

    private static ObjectNode optionObject(Option option) {
        ObjectNode node = BlockKit.object();
        node.set("text", BlockKit.plainText(option.text()));
        node.put("value", option.id());
        return node;
    }
}
