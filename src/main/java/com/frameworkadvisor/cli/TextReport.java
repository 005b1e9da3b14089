package com.frameworkadvisor.cli;

import com.frameworkadvisor.decision.Basis;
import com.frameworkadvisor.decision.ChangeSummary;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.DecisiveRule;
import com.frameworkadvisor.decision.FastApiSignal;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Reason;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Source;
import com.frameworkadvisor.decision.WhatWouldChange;

import java.util.List;

/**
 * Renders a recommendation as a readable plain-text report for the terminal: the same result, reasons, rule,
 * FastAPI verdict, what would change it and sources as the Slack thread.
 */
final class TextReport {
    private TextReport() {
    }

    static String render(Recommendation r, WhatWouldChange change) {
        StringBuilder out = new StringBuilder();
        if (r.fastApi().instead()) {
            out.append("Article 004 points to FastAPI over both Django and Flask.\n");
            out.append("Django or Flask: ").append(r.framework().displayName()).append('\n');
        } else {
            out.append("Recommendation: ").append(r.framework().displayName()).append('\n');
        }
        out.append("Confidence:     ").append(r.confidence().words()).append(". ").append(r.confidenceReason())
                .append('\n');
        out.append("Score:          ").append(r.scores().text()).append('\n');

        for (DecisiveRule rule : r.decisive()) {
            out.append("\nDecisive: ").append(rule.why()).append('\n');
            appendQuotes(out, r, rule.citations());
        }
        List<Reason> scoring = r.scoringReasons();
        out.append('\n').append(scoring.isEmpty() ? "No answer counted for either framework.\n" : "Why:\n");
        for (Reason reason : scoring) {
            appendReason(out, r, reason);
        }
        List<Reason> neutral = r.neutralReasons().stream()
                .filter(reason -> reason.option().fastApi() == FastApiSignal.NONE).toList();
        if (!neutral.isEmpty()) {
            out.append("\nCounted for neither:\n");
            neutral.forEach(reason -> out.append("  - ").append(reason.question().shortLabel()).append(": ")
                    .append(reason.option().text()).append(". ").append(reason.option().why()).append('\n'));
        }
        if (r.basis() != Basis.DECISIVE) {
            out.append("\nRule: ").append(r.confidenceReason()).append('\n');
            appendQuotes(out, r, r.ruleCitations());
        }
        if (r.considerFastApi()) {
            String answers = String.join("; ", r.fastApiReasons().stream()
                    .map(reason -> reason.question().shortLabel() + ": " + reason.option().text()).toList());
            out.append(r.fastApi().instead()
                    ? "\nArticle 004 points to FastAPI over both for " + answers + ". If your team must choose "
                            + "between Django and Flask: " + r.framework().displayName() + ".\n"
                    : "\nArticle 004 also says to consider FastAPI for " + answers + ".\n");
            appendQuotes(out, r, r.fastApi().citations());
        }
        out.append("\nWhat would change it:\n");
        ChangeSummary.of(change).forEach(line -> out.append("  - ").append(line).append('\n'));
        List<Source> sources = r.citedSources();
        if (!sources.isEmpty()) {
            out.append("\nSources:\n");
            for (Source source : sources) {
                out.append("  [").append(r.citationNumber(source)).append("] ").append(source.publisher())
                        .append(", \"").append(source.name()).append('"');
                source.date().ifPresent(date -> out.append(", ").append(date));
                out.append(source.url().map(url -> "\n      " + url).orElse(" (no public link known)"));
                source.revisionNote().ifPresent(note -> out.append("\n      (").append(note).append(')'));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void appendReason(StringBuilder out, Recommendation r, Reason reason) {
        Option option = reason.option();
        out.append("  - ").append(reason.question().shortLabel()).append(": ").append(option.text()).append(" → ")
                .append(reason.direction().framework().orElseThrow().displayName())
                .append(reason.countedWith().map(q -> " (already counted with " + q.shortLabel()
                        + ": one criterion counts once)").orElse("")).append('\n');
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
