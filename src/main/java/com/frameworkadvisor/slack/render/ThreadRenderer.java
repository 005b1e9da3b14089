package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.frameworkadvisor.decision.Basis;
import com.frameworkadvisor.decision.ChangeSummary;
import com.frameworkadvisor.decision.DecisiveRule;
import com.frameworkadvisor.decision.FastApiSignal;
import com.frameworkadvisor.decision.Framework;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Reason;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.decision.WhatWouldChange;
import com.frameworkadvisor.slack.payload.SlackIds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders the thread replies of a decision: why (every answer that took a side, the rule that decided, each with the
 * article's words), what would change it, and the sources; for revised answers, who changed what first.
 */
public final class ThreadRenderer {
    private final QuestionBank bank;
    private final ObjectMapper json;

    public ThreadRenderer(QuestionBank bank, ObjectMapper json) {
        this.bank = bank;
        this.json = json;
    }

    /** The first thread reply: every answer that moved the score, with numbered citations and the sources. */
    public SlackMessage explanation(Recommendation r, WhatWouldChange change, Authors authors) {
        ArrayNode blocks = BlockKit.array();
        blocks.add(BlockKit.section("*Why " + r.framework().displayName() + "* (" + r.scores().text() + ")"));
        addReasoning(blocks, r, change);
        String text = "Why " + r.framework().displayName() + ": " + r.scoringReasons().size()
                + " answers took a side (" + r.scores().text() + ").";
        return new SlackMessage(text, blocks, MessageMetadata.of(json, r, authors));
    }

    /** A thread reply for revised answers: who revised, what changed, whether the result flipped, and why. */
    public SlackMessage revision(Recommendation r, Recommendation previous, WhatWouldChange change, Authors authors) {
        return revision(r, previous, change, authors, Optional.empty());
    }

    /** A revision reply that also says whether this submission changed the team's result. */
    public SlackMessage revision(Recommendation r, Recommendation previous, WhatWouldChange change, Authors authors,
                          Optional<TeamChangeView> team) {
        ArrayNode blocks = BlockKit.array();
        List<String> changes = changes(previous.answers().asMap(), r.answers().asMap());
        String who = Mrkdwn.user(authors.submittedBy());
        String outcome = r.framework() == previous.framework()
                ? "The recommendation is still *" + r.framework().displayName() + "*."
                : "The recommendation flipped from *" + previous.framework().displayName() + "* to *"
                        + r.framework().displayName() + "*.";
        String head = changes.isEmpty()
                ? who + " submitted the same answers. " + outcome
                : who + " revised the answers:\n" + changes.stream().map(c -> "• " + c)
                        .collect(Collectors.joining("\n")) + "\n" + outcome;
        blocks.add(BlockKit.section(head + team.map(ThreadRenderer::teamChange).orElse("")));
        blocks.add(BlockKit.section("*Why " + r.framework().displayName() + " now* (" + r.scores().text() + ")"));
        addReasoning(blocks, r, change);
        String text = "Revised answers: " + (r.framework() == previous.framework()
                ? "still " + r.framework().displayName()
                : "flipped from " + previous.framework().displayName() + " to " + r.framework().displayName())
                + " (" + r.scores().text() + ").";
        return new SlackMessage(text, blocks, MessageMetadata.of(json, r, authors));
    }

    /** The reply saying a recorded decision was reopened, and by whom. */
    public SlackMessage reopened(String user) {
        return new SlackMessage(Mrkdwn.user(user) + " reopened the decision: Re-answer is back on the parent message.",
                BlockKit.array().add(BlockKit.section(Mrkdwn.user(user) + " reopened the decision. *Re-answer* and "
                        + "*Record decision* are back on the parent message.")),
                BlockKit.object().put("event_type", SlackIds.REOPENED_EVENT)
                        .set("event_payload", BlockKit.object().put("by", user)));
    }

    /** The team result before and after one submission. */
    public record TeamChangeView(TeamTally before, TeamTally after) {
    }

    private static String teamChange(TeamChangeView change) {
        TeamTally before = change.before();
        TeamTally after = change.after();
        String now = after.recommendation().displayName() + " (combined answers " + after.combined().scores().text()
                + ", " + after.people() + " answered)";
        if (before.people() == 0) {
            return "\n*Team result:* " + now + ".";
        }
        return before.recommendation() == after.recommendation()
                ? "\n*Team result:* unchanged, still " + now + "."
                : "\n*Team result:* this changed it from " + before.recommendation().displayName() + " to " + now
                        + ".";
    }

    private void addReasoning(ArrayNode blocks, Recommendation r, WhatWouldChange change) {
        for (DecisiveRule rule : r.decisive()) {
            blocks.add(BlockKit.section(
                    "*Decisive:* " + Mrkdwn.escape(rule.why()) + Citations.quotes(r, rule.citations())));
        }
        List<Reason> scoring = r.scoringReasons();
        if (scoring.isEmpty()) {
            blocks.add(BlockKit.section("No answer counted for either framework."));
        }
        for (Reason reason : scoring) {
            String counted = reason.countedWith()
                    .map(q -> " _(already counted with " + Mrkdwn.escape(q.shortLabel()) + ": one criterion "
                            + "counts once)_")
                    .orElse("");
            blocks.add(BlockKit.section("*" + Mrkdwn.escape(reason.question().shortLabel()) + ":* "
                    + Mrkdwn.escape(reason.option().text()) + " → *"
                    + reason.direction().framework().map(Framework::displayName).orElse("neither") + "*" + counted
                    + "\n" + Mrkdwn.escape(reason.option().why()) + Citations.quotes(r, reason.citations())));
        }
        List<String> neutral = r.neutralReasons().stream()
                .filter(reason -> reason.option().fastApi() == FastApiSignal.NONE)
                .map(reason -> Mrkdwn.escape(reason.question().shortLabel() + ": " + reason.option().text()))
                .toList();
        if (!neutral.isEmpty()) {
            blocks.add(BlockKit.context("Counted for neither: " + String.join(" · ", neutral)));
        }
        if (r.basis() != Basis.DECISIVE) {
            blocks.add(BlockKit.section(
                    "*Rule:* " + Mrkdwn.escape(r.confidenceReason()) + Citations.quotes(r, r.ruleCitations())));
        }
        if (r.considerFastApi()) {
            blocks.add(BlockKit.section(Citations.fastApiNote(r, true)));
        }
        blocks.add(BlockKit.section("*What would change it*\n" + ChangeSummary.of(change).stream()
                .map(line -> "• " + Mrkdwn.escape(line)).collect(Collectors.joining("\n"))));
        blocks.add(BlockKit.divider());
        blocks.add(BlockKit.section("*Sources*\n" + r.citedSources().stream()
                .map(source -> Citations.sourceLine(r, source)).collect(Collectors.joining("\n"))));
    }

    private List<String> changes(Map<String, String> before, Map<String, String> after) {
        List<String> changes = new ArrayList<>();
        for (Question question : bank.questions()) {
            String was = before.getOrDefault(question.id(), "unsure");
            String now = after.getOrDefault(question.id(), "unsure");
            if (!was.equals(now)) {
                changes.add("*" + Mrkdwn.escape(question.shortLabel()) + ":* " + optionText(question, was) + " → "
                        + optionText(question, now));
            }
        }
        return changes;
    }

    private static String optionText(Question question, String optionId) {
        return question.option(optionId).map(o -> Mrkdwn.escape(o.text())).orElse("_(no longer asked)_");
    }
}
