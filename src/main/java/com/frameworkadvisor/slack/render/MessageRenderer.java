package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.Basis;
import com.frameworkadvisor.decision.ChangeSummary;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.DecisiveRule;
import com.frameworkadvisor.decision.FastApiSignal;
import com.frameworkadvisor.decision.Framework;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Reason;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.RecommendationFields;
import com.frameworkadvisor.decision.Source;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.decision.WhatWouldChange;
import com.frameworkadvisor.slack.payload.DecisionButtonValue;
import com.frameworkadvisor.slack.payload.SlackIds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders recommendations as Slack messages: the parent (headline + Re-answer) and the thread replies. */
public final class MessageRenderer {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final QuestionBank bank;
    private final ObjectMapper json;
    public MessageRenderer(QuestionBank bank, ObjectMapper json) {
        this.bank = bank;
        this.json = json;
    }

    /** Who a result belongs to: the project, who asked first, and who submitted these answers. */
    public record Authors(Optional<String> project, String askedBy, String submittedBy) {
    }

    /** The parent message: the headline, confidence, score, project, who asked, and the Re-answer button. */
    public SlackMessage parent(Recommendation r, Authors authors) {
        return parent(r, authors, Optional.empty());
    }

    /**
     * The parent message of a thread where a team answered: the team's combined result as the headline, how
     * many answered, each framework's count and where people disagree, then the newest answers' details.
     */
    public SlackMessage parent(Recommendation r, Authors authors, Optional<TeamTally> team) {
        return parent(r, authors, team, Optional.empty());
    }

    /** Who recorded a decision, and when: the discussion is closed. */
    public record Recorded(String by, Instant at) {
    }

    /**
     * The parent message; once {@code recorded}, it says who decided and when, and the Re-answer and Record
     * buttons give way to a Reopen button (for the recorder).
     */
    public SlackMessage parent(Recommendation r, Authors authors, Optional<TeamTally> team, Optional<Recorded> recorded) {
        Optional<TeamTally> tally = team.filter(TeamTally::isTeam);
        ArrayNode blocks = BlockKit.array();
        Recommendation shown = tally.map(TeamTally::combined).orElse(r);
        String framework = shown.framework().displayName();
        blocks.add(BlockKit.header(headline(shown, tally.isPresent())));
        if (shown.fastApi().instead()) {
            blocks.add(BlockKit.section(fastApiNote(shown, false)));
        }
        tally.ifPresent(t -> blocks.add(BlockKit.section(teamSummary(t))));
        StringBuilder facts = new StringBuilder()
                .append(tally.isPresent() ? "*Newest answers* (" + Mrkdwn.user(authors.submittedBy()) + "): "
                        + r.framework().displayName() + "\n" : "")
                .append("*Confidence:* ").append(r.confidence().words()).append(". ")
                .append(Mrkdwn.escape(r.confidenceReason()))
                .append("\n*Score:* Django ").append(r.scores().django())
                .append(" · Flask ").append(r.scores().flask())
                .append(r.decisive().isEmpty() ? "" : " (a decisive rule decides, whatever the count)");
        authors.project().ifPresent(p -> facts.append("\n*Project:* ").append(Mrkdwn.escape(p)));
        facts.append("\n*Asked by:* ").append(Mrkdwn.user(authors.askedBy()));
        if (!authors.submittedBy().equals(authors.askedBy())) {
            facts.append("\n*Latest answers by:* ").append(Mrkdwn.user(authors.submittedBy()));
        }
        blocks.add(BlockKit.section(facts.toString()));
        if (r.fastApi().any() && !shown.fastApi().instead()) {
            blocks.add(BlockKit.section(fastApiNote(r, false)));
        }
        DecisionButtonValue buttons = new DecisionButtonValue(authors.project(), authors.askedBy(), r.answers().asMap());
        if (recorded.isPresent()) {
            blocks.add(BlockKit.section(":white_check_mark: *Decided: " + framework + "*, recorded by "
                    + Mrkdwn.user(recorded.get().by()) + " on " + DATE.format(recorded.get().at())
                    + ". The decision record is in the thread."));
            blocks.add(BlockKit.actions("decision_actions", BlockKit.button(SlackIds.REOPEN_DECISION, "Reopen",
                    buttons.recordedBy(recorded.get().by()).toJson(json))));
        } else {
            String value = buttons.toJson(json);
            blocks.add(BlockKit.context("The reasons and the articles behind them are in the thread. Anyone here can "
                    + "press *Re-answer* to revise the answers, or *Record decision* to close the discussion."));
            blocks.add(BlockKit.actions("decision_actions", BlockKit.button(SlackIds.REANSWER, "Re-answer", value),
                    BlockKit.button(SlackIds.RECORD_DECISION, "Record decision", value)));
        }
        String forProject = authors.project().map(p -> " for " + Mrkdwn.escape(p)).orElse("");
        String fastApi = shown.fastApi().instead() ? "Article 004 points to FastAPI over both Django and Flask"
                + forProject + "; between the two: " : "";
        String text = tally.map(t -> (fastApi.isEmpty() ? "Team recommendation" + forProject + ": " : fastApi)
                        + framework + " (" + t.people() + " answered; combined answers Django "
                        + t.combined().scores().django() + " · Flask " + t.combined().scores().flask()
                        + "). The reasons are in the thread.")
                .orElse((fastApi.isEmpty() ? "Framework Advisor recommends " + framework + forProject
                        : fastApi + framework) + " (" + r.confidence().words().toLowerCase(Locale.ROOT)
                        + "; Django " + r.scores().django() + " · Flask " + r.scores().flask()
                        + "). The reasons are in the thread.");
        ObjectNode metadata = metadata(r, authors);
        ObjectNode payload = (ObjectNode) metadata.get("event_payload");
        tally.ifPresent(t -> payload.set("team", json.valueToTree(RecommendationFields.team(t))));
        recorded.ifPresent(d -> payload.putObject("recorded").put("by", d.by()).put("at", d.at().toString()));
        return new SlackMessage(recorded.map(d -> "Decided: " + framework + ". ").orElse("") + text, blocks,
                metadata);
    }



    /**
     * The parent's headline: the framework, or, where article 004 says to use FastAPI instead of either, that
     * verdict with the Django-or-Flask result for teams that must choose between the two.
     */
    static String headline(Recommendation shown, boolean team) {
        String framework = shown.framework().displayName();
        if (shown.fastApi().instead()) {
            return "Article 004 points to FastAPI · " + (team ? "team's " : "") + "Django or Flask: " + framework;
        }
        return (team ? "Team recommendation: " : "Recommendation: ") + framework;
    }

    /** How a team's answers are combined, in one sentence. */
    public static final String TEAM_RULE = "How it combines: each question takes the answer most of you gave (an even "
            + "split counts as not sure), and those answers are scored once, as the articles score a project.";

    /** How the team's answers combine, where people disagree, and which disagreements decide the result. */
    private static String teamSummary(TeamTally t) {
        Recommendation combined = t.combined();
        StringBuilder text = new StringBuilder("*Team:* ").append(t.people()).append(" people answered. Combined "
                        + "answers → *").append(combined.framework().displayName()).append("* (Django ")
                .append(combined.scores().django()).append(" · Flask ").append(combined.scores().flask())
                .append(", ").append(combined.confidence().words().toLowerCase(Locale.ROOT))
                .append("). Each person's own result: Django ").append(t.django()).append(" · Flask ")
                .append(t.flask()).append(".\n_").append(Mrkdwn.escape(TEAM_RULE)).append("_");
        if (t.splits().isEmpty()) {
            text.append("\n*Where you disagree:* nowhere, everyone gave the same answers.");
        } else {
            text.append("\n*Where you disagree:*");
            for (TeamTally.Split split : t.splits()) {
                text.append("\n• ").append(Mrkdwn.escape(split.question().shortLabel())).append(": ")
                        .append(split.counts().entrySet().stream()
                                .map(e -> e.getValue() + " " + Mrkdwn.escape(optionWord(split.question(), e.getKey())))
                                .collect(Collectors.joining(" · ")));
            }
            text.append("\n*What decides it:* ").append(Mrkdwn.escape(String.join(" ", ChangeSummary.team(t))));
        }
        return text.toString();
    }

    /** A few words for an option in a tally. */
    static String optionWord(Question question, String optionId) {
        if (question.isCheckbox()) {
            return optionId.equals(Question.TICKED) ? "ticked" : "not ticked";
        }
        return question.option(optionId).map(o -> o.shortText().toLowerCase(Locale.ROOT)).orElse("no longer asked");
    }

    /** The first thread reply: every answer that moved the score, with numbered citations and the sources. */
    public SlackMessage explanation(Recommendation r, WhatWouldChange change, Authors authors) {
        ArrayNode blocks = BlockKit.array();
        blocks.add(BlockKit.section("*Why " + r.framework().displayName() + "* (Django " + r.scores().django()
                + " · Flask " + r.scores().flask() + ")"));
        addReasoning(blocks, r, change);
        String text = "Why " + r.framework().displayName() + ": " + r.scoringReasons().size()
                + " answers took a side (Django " + r.scores().django() + " · Flask " + r.scores().flask() + ").";
        return new SlackMessage(text, blocks, metadata(r, authors));
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
        blocks.add(BlockKit.section(head + team.map(MessageRenderer::teamChange).orElse("")));
        blocks.add(BlockKit.section("*Why " + r.framework().displayName() + " now* (Django " + r.scores().django()
                + " · Flask " + r.scores().flask() + ")"));
        addReasoning(blocks, r, change);
        String text = "Revised answers: " + (r.framework() == previous.framework()
                ? "still " + r.framework().displayName()
                : "flipped from " + previous.framework().displayName() + " to " + r.framework().displayName())
                + " (Django " + r.scores().django() + " · Flask " + r.scores().flask() + ").";
        return new SlackMessage(text, blocks, metadata(r, authors));
    }

    /** The same message with a note first, e.g. why it arrives as a DM instead of in the channel. */
    public SlackMessage withNote(SlackMessage message, String noteMrkdwn) {
        ArrayNode blocks = BlockKit.array();
        blocks.add(BlockKit.context(":information_source: " + noteMrkdwn));
        blocks.addAll(message.blocks());
        return new SlackMessage(noteMrkdwn + " " + message.text(), blocks, message.metadata());
    }

    /** The team result before and after one submission. */
    public record TeamChangeView(TeamTally before, TeamTally after) {
    }

    private static String teamChange(TeamChangeView change) {
        TeamTally before = change.before();
        TeamTally after = change.after();
        String now = after.recommendation().displayName() + " (combined answers Django "
                + after.combined().scores().django() + " · Flask " + after.combined().scores().flask() + ", "
                + after.people() + " answered)";
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
            blocks.add(BlockKit.section("*Decisive:* " + Mrkdwn.escape(rule.why()) + quotes(r, rule.citations())));
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
                    + "\n" + Mrkdwn.escape(reason.option().why()) + quotes(r, reason.citations())));
        }
        List<String> neutral = r.neutralReasons().stream()
                .filter(reason -> reason.option().fastApi() == FastApiSignal.NONE)
                .map(reason -> Mrkdwn.escape(reason.question().shortLabel() + ": " + reason.option().text()))
                .toList();
        if (!neutral.isEmpty()) {
            blocks.add(BlockKit.context("Counted for neither: " + String.join(" · ", neutral)));
        }
        if (r.basis() != Basis.DECISIVE) {
            blocks.add(BlockKit.section("*Rule:* " + Mrkdwn.escape(r.confidenceReason()) + quotes(r, r.ruleCitations())));
        }
        if (r.considerFastApi()) {
            blocks.add(BlockKit.section(fastApiNote(r, true)));
        }
        blocks.add(BlockKit.section("*What would change it*\n" + ChangeSummary.of(change).stream()
                .map(line -> "• " + Mrkdwn.escape(line)).collect(Collectors.joining("\n"))));
        blocks.add(BlockKit.divider());
        blocks.add(BlockKit.section("*Sources*\n" + r.citedSources().stream()
                .map(source -> sourceLine(r, source)).collect(Collectors.joining("\n"))));
    }

    /** Article 004's FastAPI verdict, named as 004's: no other article mentions FastAPI. */
    private static String fastApiNote(Recommendation r, boolean withQuotes) {
        String answers = r.fastApiReasons().stream()
                .map(reason -> Mrkdwn.escape(reason.question().shortLabel() + ": " + reason.option().text()))
                .collect(Collectors.joining("; "));
        String note = r.fastApi().instead()
                ? ":zap: *Article 004 points to FastAPI over both* for " + answers + ". If your team must choose "
                        + "between Django and Flask: *" + r.framework().displayName() + "*."
                : ":bulb: *Article 004 also says to consider FastAPI* for " + answers + ".";
        return note + (withQuotes ? quotes(r, r.fastApi().citations()) : "");
    }

    private static String quotes(Recommendation r, List<Citation> citations) {
        StringBuilder out = new StringBuilder();
        for (Citation citation : citations) {
            Source source = citation.source();
            out.append("\n>“").append(Mrkdwn.escape(citation.quote())).append("” ")
                    .append(Mrkdwn.link(source.url().orElse(null), "[" + r.citationNumber(source) + "]"));
        }
        return out.toString();
    }

    /** A source as the article gives itself: its title (or what it is), publisher, date as written, and caveats. */
    static String sourceLine(Recommendation r, Source source) {
        return "[" + r.citationNumber(source) + "] " + Mrkdwn.link(source.url().orElse(null), source.name())
                + " · " + Mrkdwn.escape(source.publisher())
                + source.date().map(d -> ", " + Mrkdwn.escape(d)).orElse("")
                + (source.url().isPresent() ? "" : " _(no public link known)_")
                + source.revisionNote().map(note -> " _(" + Mrkdwn.escape(note) + ")_").orElse("");
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

    private ObjectNode metadata(Recommendation r, Authors authors) {
        ObjectNode metadata = BlockKit.object().put("event_type", SlackIds.RECOMMENDATION_EVENT);
        ObjectNode payload = json.valueToTree(RecommendationFields.summary(r));
        authors.project().ifPresent(p -> payload.put("project", p));
        payload.put("asked_by", authors.askedBy());
        payload.put("answered_by", authors.submittedBy());
        metadata.set("event_payload", payload);
        return metadata;
    }
}
