package com.frameworkadvisor.cli;

import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Reason;
import com.frameworkadvisor.decision.Source;

import java.util.List;

/** Renders a recommendation as a readable plain-text report for the terminal. */
final class TextReport {
    private TextReport() {
    }

    static String render(Recommendation r) {
        StringBuilder out = new StringBuilder();
        out.append("Recommendation: ").append(r.framework().displayName()).append('\n');
        out.append("Confidence:     ").append(r.confidence().words()).append(". ").append(r.confidenceReason())
                .append('\n');
        out.append("Score:          Django ").append(r.scores().django()).append(" · Flask ")
                .append(r.scores().flask()).append('\n');

        List<Reason> scoring = r.scoringReasons();
        out.append('\n').append(scoring.isEmpty() ? "No answer counted for either framework.\n" : "Why:\n");
        for (Reason reason : scoring) {
            appendReason(out, r, reason, "→ " + reason.direction().framework().orElseThrow().displayName());
        }
        List<Reason> neutral = r.reasons().stream().filter(reason -> !reason.option().movesScore()).toList();
        if (!neutral.isEmpty()) {
            out.append("\nCounted for neither:\n");
            neutral.forEach(reason -> out.append("  - ").append(reason.question().shortLabel()).append(": ")
                    .append(reason.option().text()).append(". ").append(reason.option().why()).append('\n'));
        }
        if (r.decidedByTie()) {
            out.append("\nTie rule: the scores are level, so Django wins.\n");
            appendQuotes(out, r, r.tieBreakCitations());
        }
        if (r.considerFastApi()) {
            out.append("\nConsider FastAPI: ");
            out.append(String.join("; ", r.fastApiReasons().stream()
                    .map(reason -> reason.question().shortLabel() + ": " + reason.option().text()).toList()));
            out.append(". ").append("The articles say FastAPI may fit this better than either framework.\n");
        }
        List<Source> sources = r.citedSources();
        if (!sources.isEmpty()) {
            out.append("\nSources:\n");
            for (Source source : sources) {
                out.append("  [").append(r.citationNumber(source)).append("] ").append(source.publisher())
                        .append(", \"").append(source.title()).append('"');
                source.date().ifPresent(date -> out.append(", ").append(date));
                out.append(source.url().map(url -> "\n      " + url).orElse("")).append('\n');
            }
        }
        return out.toString();
    }

    private static void appendReason(StringBuilder out, Recommendation r, Reason reason, String direction) {
        Option option = reason.option();
        out.append("  - ").append(reason.question().shortLabel()).append(": ").append(option.text()).append(' ')
                .append(direction).append('\n');
        out.append("    ").append(option.why()).append('\n');
        appendQuotes(out, r, reason.citations());
    }

    private static void appendQuotes(StringBuilder out, Recommendation r, List<Citation> citations) {
        for (Citation citation : citations) {
            out.append("      [").append(r.citationNumber(citation.source())).append("] “").append(citation.quote())
                    .append("”\n");
        }
    }
}
