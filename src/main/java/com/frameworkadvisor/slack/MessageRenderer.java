package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.Framework;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Reason;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.RecommendationFields;
import com.frameworkadvisor.decision.Source;
import com.frameworkadvisor.decision.TeamTally;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders recommendations as Slack messages: the parent (headline + Re-answer) and the thread replies. */
final class MessageRenderer {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final QuestionBank bank;
    private final ObjectMapper json;

    MessageRenderer(QuestionBank bank, ObjectMapper json) {
        this.bank = bank;
        this.json = json;
    }

    /** Who a result belongs to: the project, who asked first, and who submitted these answers. */
    record Authors(Optional<String> project, String askedBy, String submittedBy) {
    }

    /** The parent message: the headline, confidence, score, project, who asked, and the Re-answer button. */
    SlackMessage parent(Recommendation r, Authors authors) {
        return parent(r, authors, Optional.empty());
    }

    /**
     * The parent message of a thread where a team answered: the team's combined result as the headline, how
     * many answered, each framework's count and where people disagree, then the newest answers' details.
     */
    SlackMessage parent(Recommendation r, Authors authors, Optional<TeamTally> team) {
        return parent(r, authors, team, Optional.empty());
    }

    /** Who recorded a decision, and when: the discussion is closed. */
    record Recorded(String by, Instant at) {
    }

    /**
     * The parent message; once {@code recorded}, it says who decided and when, and the Re-answer and Record
     * buttons give way to a Reopen button (for the recorder).
     */
    SlackMessage parent(Recommendation r, Authors authors, Optional<TeamTally> team, Optional<Recorded> recorded) {
        Optional<TeamTally> tally = team.filter(TeamTally::isTeam);
        ArrayNode blocks = Blocks.array();
        String framework = tally.map(t -> t.recommendation().displayName()).orElse(r.framework().displayName());
        blocks.add(Blocks.header(tally.isPresent() ? "Team recommendation: " + framework
                : "Recommendation: " + framework));
        tally.ifPresent(t -> blocks.add(Blocks.section(teamSummary(t))));
        StringBuilder facts = new StringBuilder()
                .append(tally.isPresent() ? "*Newest answers* (" + Mrkdwn.user(authors.submittedBy()) + "): "
                        + r.framework().displayName() + "\n" : "")
                .append("*Confidence:* ").append(r.confidence().words()).append(". ")
                .append(Mrkdwn.escape(r.confidenceReason()))
                .append("\n*Score:* Django ").append(r.scores().django())
                .append(" · Flask ").append(r.scores().flask());
        authors.project().ifPresent(p -> facts.append("\n*Project:* ").append(Mrkdwn.escape(p)));
        facts.append("\n*Asked by:* ").append(Mrkdwn.user(authors.askedBy()));
        if (!authors.submittedBy().equals(authors.askedBy())) {
            facts.append("\n*Latest answers by:* ").append(Mrkdwn.user(authors.submittedBy()));
        }
        blocks.add(Blocks.section(facts.toString()));
        if (r.considerFastApi()) {
            blocks.add(Blocks.section(fastApiNote(r, false)));
        }
        ReanswerValue buttons = new ReanswerValue(authors.project(), authors.askedBy(), r.answers().asMap());
        if (recorded.isPresent()) {
            blocks.add(Blocks.section(":white_check_mark: *Decided: " + framework + "*, recorded by "
                    + Mrkdwn.user(recorded.get().by()) + " on " + DATE.format(recorded.get().at())
                    + ". The decision record is in the thread."));
            blocks.add(Blocks.actions("decision_actions", Blocks.button(SlackIds.REOPEN_DECISION, "Reopen",
                    buttons.recordedBy(recorded.get().by()).toJson(json))));
        } else {
            String value = buttons.toJson(json);
            blocks.add(Blocks.context("The reasons and the articles behind them are in the thread. Anyone here can "
                    + "press *Re-answer* to revise the answers, or *Record decision* to close the discussion."));
            blocks.add(Blocks.actions("decision_actions", Blocks.button(SlackIds.REANSWER, "Re-answer", value),
                    Blocks.button(SlackIds.RECORD_DECISION, "Record decision", value)));
        }
        String text = tally.map(t -> "Team recommendation: " + framework
                        + authors.project().map(p -> " for " + Mrkdwn.escape(p)).orElse("") + " (" + t.people()
                        + " answered: Django " + t.django() + " · Flask " + t.flask() + "). The reasons are in the "
                        + "thread.")
                .orElse("Framework Advisor recommends " + framework
                        + authors.project().map(p -> " for " + Mrkdwn.escape(p)).orElse("")
                        + " (" + r.confidence().words().toLowerCase() + "; Django " + r.scores().django()
                        + " · Flask " + r.scores().flask() + "). The reasons are in the thread.");
        ObjectNode metadata = metadata(r, authors);
        ObjectNode payload = (ObjectNode) metadata.get("event_payload");
        tally.ifPresent(t -> payload.set("team", teamMetadata(t)));
        recorded.ifPresent(d -> payload.putObject("recorded").put("by", d.by()).put("at", d.at().toString()));
        return new SlackMessage(recorded.map(d -> "Decided: " + framework + ". ").orElse("") + text, blocks,
                metadata);
    }



    /** How the team's answers combine, and where people disagree, so the thread knows what to discuss. */
    private static String teamSummary(TeamTally t) {
        StringBuilder text = new StringBuilder("*Team:* ").append(t.people()).append(" people answered · Django ")
                .append(t.django()).append(" · Flask ").append(t.flask()).append(" → *")
                .append(t.recommendation().displayName()).append("*\n_Each person's latest answers count once; "
                        + "the majority wins and a tie goes to Django._");
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
        }
        return text.toString();
    }

    /** A few words for an option in a tally: its text up to the first comma, semicolon, colon or slash. */
    static String optionWord(Question question, String optionId) {
        return question.option(optionId)
                .map(o -> o.text().split("[,;:]| /", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("no longer asked");
    }

    private ObjectNode teamMetadata(TeamTally t) {
        ObjectNode team = Blocks.object().put("people", t.people()).put("django", t.django())
                .put("flask", t.flask()).put("recommendation", t.recommendation().id());
        ArrayNode split = team.putArray("split");
        t.splits().forEach(s -> split.add(s.question().id()));
        return team;
    }

    /** The first thread reply: every answer that moved the score, with numbered citations and the sources. */
    SlackMessage explanation(Recommendation r, Authors authors) {
        ArrayNode blocks = Blocks.array();
        blocks.add(Blocks.section("*Why " + r.framework().displayName() + "* (Django " + r.scores().django()
                + " · Flask " + r.scores().flask() + ")"));
        addReasoning(blocks, r);
        String text = "Why " + r.framework().displayName() + ": " + r.scoringReasons().size()
                + " answers took a side (Django " + r.scores().django() + " · Flask " + r.scores().flask() + ").";
        return new SlackMessage(text, blocks, metadata(r, authors));
    }

    /** A thread reply for revised answers: who revised, what changed, whether the result flipped, and why. */
    SlackMessage revision(Recommendation r, Recommendation previous, Authors authors) {
        return revision(r, previous, authors, Optional.empty());
    }

    /** A revision reply that also says whether this submission changed the team's result. */
    SlackMessage revision(Recommendation r, Recommendation previous, Authors authors,
                          Optional<TeamChangeView> team) {
        ArrayNode blocks = Blocks.array();
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
        blocks.add(Blocks.section(head + team.map(MessageRenderer::teamChange).orElse("")));
        blocks.add(Blocks.section("*Why " + r.framework().displayName() + " now* (Django " + r.scores().django()
                + " · Flask " + r.scores().flask() + ")"));
        addReasoning(blocks, r);
        String text = "Revised answers: " + (r.framework() == previous.framework()
                ? "still " + r.framework().displayName()
                : "flipped from " + previous.framework().displayName() + " to " + r.framework().displayName())
                + " (Django " + r.scores().django() + " · Flask " + r.scores().flask() + ").";
        return new SlackMessage(text, blocks, metadata(r, authors));
    }

    /** The same message with a note first, e.g. why it arrives as a DM instead of in the channel. */
    SlackMessage withNote(SlackMessage message, String noteMrkdwn) {
        ArrayNode blocks = Blocks.array();
        blocks.add(Blocks.context(":information_source: " + noteMrkdwn));
        blocks.addAll(message.blocks());
        return new SlackMessage(noteMrkdwn + " " + message.text(), blocks, message.metadata());
    }

    /** The team result before and after one submission. */
    record TeamChangeView(TeamTally before, TeamTally after) {
    }

    private static String teamChange(TeamChangeView change) {
        TeamTally before = change.before();
        TeamTally after = change.after();
        String now = after.recommendation().displayName() + " (Django " + after.django() + " · Flask "
                + after.flask() + ", " + after.people() + " answered)";
        if (before.people() == 0) {
            return "\n*Team result:* " + now + ".";
        }
        return before.recommendation() == after.recommendation()
                ? "\n*Team result:* unchanged, still " + now + "."
                : "\n*Team result:* this changed it from " + before.recommendation().displayName() + " to " + now
                        + ".";
    }

    private void addReasoning(ArrayNode blocks, Recommendation r) {
        List<Reason> scoring = r.scoringReasons();
        if (scoring.isEmpty()) {
            blocks.add(Blocks.section("No answer counted for either framework."));
        }
        for (Reason reason : scoring) {
            blocks.add(Blocks.section("*" + Mrkdwn.escape(reason.question().shortLabel()) + ":* "
                    + Mrkdwn.escape(reason.option().text()) + " → *"
                    + reason.direction().framework().map(Framework::displayName).orElse("neither") + "*\n"
                    + Mrkdwn.escape(reason.option().why()) + quotes(r, reason.citations())));
        }
        List<String> neutral = r.reasons().stream().filter(reason -> !reason.option().movesScore())
                .map(reason -> Mrkdwn.escape(reason.question().shortLabel() + ": " + reason.option().text()))
                .toList();
        if (!neutral.isEmpty()) {
            blocks.add(Blocks.context("Counted for neither: " + String.join(" · ", neutral)));
        }
        if (r.decidedByTie()) {
            blocks.add(Blocks.section("*Tie rule:* the scores are level, so Django wins."
                    + quotes(r, r.tieBreakCitations())));
        }
        if (r.considerFastApi()) {
            blocks.add(Blocks.section(fastApiNote(r, true)));
        }
        blocks.add(Blocks.divider());
        blocks.add(Blocks.section("*Sources*\n" + r.citedSources().stream()
                .map(source -> sourceLine(r, source)).collect(Collectors.joining("\n"))));
    }

    private static String fastApiNote(Recommendation r, boolean withQuotes) {
        String answers = r.fastApiReasons().stream()
                .map(reason -> Mrkdwn.escape(reason.question().shortLabel() + ": " + reason.option().text()))
                .collect(Collectors.joining("; "));
        StringBuilder note = new StringBuilder(":zap: *Consider FastAPI.* For ").append(answers)
                .append(", the articles say FastAPI may fit better than either.");
        if (withQuotes) {
            List<Citation> fastApiQuotes = r.fastApiReasons().stream().flatMap(reason -> reason.citations().stream())
                    .filter(c -> c.quote().contains("FastAPI")).toList();
            note.append(quotes(r, fastApiQuotes));
        }
        return note.toString();
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

    private static String sourceLine(Recommendation r, Source source) {
        String title = Mrkdwn.link(source.url().orElse(null), source.title());
        return "[" + r.citationNumber(source) + "] " + title + " · " + Mrkdwn.escape(source.publisher())
                + source.date().map(d -> ", " + Mrkdwn.escape(d)).orElse("")
                + (source.url().isPresent() ? "" : " _(no public link known; cited by title)_");
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
        ObjectNode metadata = Blocks.object().put("event_type", SlackIds.RECOMMENDATION_EVENT);
        ObjectNode payload = json.valueToTree(RecommendationFields.summary(r));
        authors.project().ifPresent(p -> payload.put("project", p));
        payload.put("asked_by", authors.askedBy());
        payload.put("answered_by", authors.submittedBy());
        metadata.set("event_payload", payload);
        return metadata;
    }
}
