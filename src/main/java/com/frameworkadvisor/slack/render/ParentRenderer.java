package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.ChangeSummary;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.RecommendationFields;
import com.frameworkadvisor.decision.Scores;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.slack.payload.DecisionButtonValue;
import com.frameworkadvisor.slack.payload.SlackIds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders the parent message of a decision: the headline (the framework, or article 004's FastAPI verdict with the
 * Django-or-Flask result), the confidence and score, the team's combined result where a team answered, and the
 * buttons (Re-answer and Record decision, or Reopen once it is recorded).
 */
public final class ParentRenderer {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    public ParentRenderer(ObjectMapper json) {
        this.json = json;
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
    public SlackMessage parent(Recommendation r, Authors authors, Optional<TeamTally> team,
                               Optional<Recorded> recorded) {
        Optional<TeamTally> tally = team.filter(TeamTally::isTeam);
        ArrayNode blocks = BlockKit.array();
        Recommendation shown = tally.map(TeamTally::combined).orElse(r);
        String framework = shown.framework().displayName();
        blocks.add(BlockKit.header(headline(shown, tally.isPresent())));
        if (shown.fastApi().instead()) {
            blocks.add(BlockKit.section(Citations.fastApiNote(shown, false)));
        }
        tally.ifPresent(t -> blocks.add(BlockKit.section(teamSummary(t))));
        StringBuilder facts = new StringBuilder()
                .append(tally.isPresent() ? "*Newest answers* (" + Mrkdwn.user(authors.submittedBy()) + "): "
                        + r.framework().displayName() + "\n" : "")
                .append("*Confidence:* ").append(r.confidence().words()).append(". ")
                .append(Mrkdwn.escape(r.confidenceReason()))
                .append("\n*Score:* ").append(r.scores().text())
                .append(r.decisive().isEmpty() ? "" : " (a decisive rule decides, whatever the count)");
        authors.project().ifPresent(p -> facts.append("\n*Project:* ").append(Mrkdwn.escape(p)));
        facts.append("\n*Asked by:* ").append(Mrkdwn.user(authors.askedBy()));
        if (!authors.submittedBy().equals(authors.askedBy())) {
            facts.append("\n*Latest answers by:* ").append(Mrkdwn.user(authors.submittedBy()));
        }
        blocks.add(BlockKit.section(facts.toString()));
        if (r.fastApi().any() && !shown.fastApi().instead()) {
            blocks.add(BlockKit.section(Citations.fastApiNote(r, false)));
        }
        DecisionButtonValue buttons =
                new DecisionButtonValue(authors.project(), authors.askedBy(), r.answers().asMap());
        if (recorded.isPresent()) {
            blocks.add(BlockKit.section(":white_check_mark: *Decided: " + framework + "*, recorded by "
                    + Mrkdwn.user(recorded.get().by()) + " on " + DATE.format(recorded.get().at())
                    + ". The decision record is in the thread."));
            blocks.add(BlockKit.actions(SlackIds.DECISION_ACTIONS, BlockKit.button(SlackIds.REOPEN_DECISION, "Reopen",
                    buttons.recordedBy(recorded.get().by()).toJson(json))));
        } else {
            String value = buttons.toJson(json);
            blocks.add(BlockKit.context("The reasons and the articles behind them are in the thread. Anyone here can "
                    + "press *Re-answer* to revise the answers, or *Record decision* to close the discussion."));
            blocks.add(BlockKit.actions(SlackIds.DECISION_ACTIONS,
                    BlockKit.button(SlackIds.REANSWER, "Re-answer", value),
                    BlockKit.button(SlackIds.RECORD_DECISION, "Record decision", value)));
        }
        String forProject = authors.project().map(p -> " for " + Mrkdwn.escape(p)).orElse("");
        String fastApi = shown.fastApi().instead() ? "Article 004 points to FastAPI over both Django and Flask"
                + forProject + "; between the two: " : "";
        String text = tally.map(t -> (fastApi.isEmpty() ? "Team recommendation" + forProject + ": " : fastApi)
                        + framework + " (" + t.people() + " answered; combined answers "
                        + t.combined().scores().text() + "). The reasons are in the thread.")
                .orElse((fastApi.isEmpty() ? "Framework Advisor recommends " + framework + forProject
                        : fastApi + framework) + " (" + r.confidence().words().toLowerCase(Locale.ROOT)
                        + "; " + r.scores().text() + "). The reasons are in the thread.");
        ObjectNode metadata = MessageMetadata.of(json, r, authors);
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
                        + "answers → *").append(combined.framework().displayName()).append("* (")
                .append(combined.scores().text()).append(", ")
                .append(combined.confidence().words().toLowerCase(Locale.ROOT))
                .append("). Each person's own result: ").append(new Scores(t.django(), t.flask()).text())
                .append(".\n_").append(Mrkdwn.escape(TEAM_RULE)).append("_");
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
        return question.option(optionId).map(o -> lowerFirstWord(o.shortText())).orElse("no longer asked");
    }

    /** "Just CRUD + auth + admin" → "just CRUD + auth + admin"; a word with more capitals ("NoSQL") stays. */
    private static String lowerFirstWord(String text) {
        String first = text.split(" ", 2)[0];
        return first.chars().skip(1).anyMatch(Character::isUpperCase) ? text
                : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }

    /** The same message with a note first, e.g. why it arrives as a DM instead of in the channel. */
    public SlackMessage withNote(SlackMessage message, String noteMrkdwn) {
        ArrayNode blocks = BlockKit.array();
        blocks.add(BlockKit.context(":information_source: " + noteMrkdwn));
        blocks.addAll(message.blocks());
        return new SlackMessage(noteMrkdwn + " " + message.text(), blocks, message.metadata());
    }
}
