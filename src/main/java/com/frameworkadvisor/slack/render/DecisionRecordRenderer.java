package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.DecisiveRule;
import com.frameworkadvisor.decision.Reason;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Source;
import com.frameworkadvisor.decision.TeamTally;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a closed decision as an architecture decision record in Markdown, ready to paste into a repository's
 * {@code docs/adr/}, and as the thread message that carries it (in code blocks, so it copies as it is).
 */
public final class DecisionRecordRenderer {
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    /** Room for the code fences inside Slack's 3,000-character section text. */
    private static final int CHUNK = BlockKit.MAX_SECTION_TEXT - 20;

    /**
     * What a record is made of.
     *
     * @param argued the result the record argues from: the team's combined answers when several people answered,
     *               otherwise the one person's
     */
    public record Facts(Recommendation argued, Optional<TeamTally> team, Optional<String> project, List<String> people,
                 String recordedBy, Instant at, String threadUrl) {
    }

    public String markdown(Facts f) {
        Optional<TeamTally> team = f.team().filter(TeamTally::isTeam);
        String framework = team.map(t -> t.recommendation().displayName())
                .orElse(f.argued().framework().displayName());
        String project = f.project().orElse("this project");
        StringBuilder md = new StringBuilder();
        md.append("# Use ").append(framework).append(" for ").append(project).append("\n\n");
        md.append("- Status: Accepted\n");
        md.append("- Date: ").append(ISO_DATE.format(f.at())).append('\n');
        md.append("- Deciders (Slack user ids): ").append(String.join(", ", f.people())).append('\n');
        md.append("- Recorded by (Slack user id): ").append(f.recordedBy()).append('\n');
        md.append("- Discussion: ").append(f.threadUrl()).append("\n\n");

        md.append("## Context\n\n");
        md.append("We had to choose between Django and Flask for ").append(project).append(". ")
                .append(f.people().size() == 1 ? "One person" : f.people().size() + " people")
                .append(" answered Framework Advisor's questions in Slack; its advice is built from published "
                        + "articles, cited below.\n\n");

        md.append("## Decision\n\n");
        md.append("We will use **").append(framework).append("**.");
        team.ifPresent(t -> md.append(" Team: ").append(t.people())
                .append(" people; each question took the answer most people gave, and those answers were scored ")
                .append("once."));
        md.append(team.isPresent() ? " Combined answers: " : " Answers: ").append(f.argued().framework().displayName())
                .append(", ").append(f.argued().scores().text()).append(", confidence ")
                .append(f.argued().confidence().words().toLowerCase()).append(".\n\n");

        md.append("## Reasons\n\n");
        for (DecisiveRule rule : f.argued().decisive()) {
            md.append("- Decisive: ").append(rule.why()).append('\n');
            quotes(md, f.argued(), rule.citations());
        }
        List<Reason> reasons = f.argued().scoringReasons();
        if (reasons.isEmpty()) {
            md.append("- No answer counted for either framework; article 004's tie rule chose Django.\n");
        }
        for (Reason reason : reasons) {
            md.append("- ").append(reason.question().shortLabel()).append(": ").append(reason.option().text())
                    .append(" → ").append(reason.direction().framework().orElseThrow().displayName())
                    .append(reason.countedWith().map(q -> " (already counted with " + q.shortLabel() + ")")
                            .orElse("")).append(". ")
                    .append(reason.option().why()).append('\n');
            quotes(md, f.argued(), reason.citations());
        }
        md.append('\n');

        md.append("## Points of disagreement\n\n");
        List<TeamTally.Split> splits = f.team().map(TeamTally::splits).orElse(List.of());
        if (splits.isEmpty()) {
            md.append("- None recorded.\n");
        }
        for (TeamTally.Split split : splits) {
            md.append("- ").append(split.question().shortLabel()).append(": ")
                    .append(split.counts().entrySet().stream()
                            .map(e -> e.getValue() + " " + ParentRenderer.optionWord(split.question(), e.getKey()))
                            .collect(Collectors.joining(" · ")))
                    .append('\n');
        }
        if (f.argued().considerFastApi()) {
            md.append("\n## Also considered\n\n- FastAPI: article 004 ")
                    .append(f.argued().fastApi().instead() ? "points to it over both for " : "says to consider it for ")
                    .append(f.argued().fastApiReasons().stream().map(r -> r.question().shortLabel() + " ("
                            + r.option().text() + ")").collect(Collectors.joining(", "))).append(".\n");
        }
        md.append("\n## Sources\n\n");
        for (Source source : f.argued().citedSources()) {
            md.append(f.argued().citationNumber(source)).append(". ").append(source.publisher()).append(", “")
                    .append(source.name()).append("”").append(source.date().map(d -> ", " + d).orElse(""))
                    .append(source.url().map(u -> ". " + u).orElse(" (no public link known)")).append('\n');
        }
        return md.toString();
    }

    /** Each citation as a quote under its reason, with the number of its source. */
    private static void quotes(StringBuilder md, Recommendation argued, List<Citation> citations) {
        for (Citation citation : citations) {
            md.append("  > “").append(citation.quote()).append("” [")
                    .append(argued.citationNumber(citation.source())).append("]\n");
        }
    }

    /** The thread message: a short heading, then the Markdown in code blocks of at most Slack's section size. */
    public SlackMessage message(Facts f, ObjectNode metadata) {
        String escaped = Mrkdwn.escape(markdown(f));
        ArrayNode blocks = BlockKit.array();
        blocks.add(BlockKit.section(":memo: *Decision record* by " + Mrkdwn.user(f.recordedBy())
                + ". Copy it into your repository's `docs/adr/`:"));
        for (String chunk : chunks(escaped)) {
            blocks.add(BlockKit.section("```\n" + chunk + "```"));
        }
        return new SlackMessage(escaped, blocks, metadata);
    }

    /** Whole lines of already-escaped text, at most {@link #CHUNK} characters a chunk (a longer line is cut). */
    private static List<String> chunks(String escaped) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            String fitted = BlockKit.fit(line, CHUNK - 1) + "\n";
            if (current.length() + fitted.length() > CHUNK) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            current.append(fitted);
        }
        if (!current.toString().isBlank()) {
            chunks.add(current.toString());
        }
        return chunks;
    }
}
