package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recommendation as plain maps and lists, ready for any JSON writer: the fields of the Slack message metadata
 * ({@link #summary}) and the CLI's fuller report ({@link #report}). One definition, so both stay the same.
 */
public final class RecommendationFields {
    private RecommendationFields() {
    }

    /**
     * The contract fields of DESIGN.md's recommendation metadata: {@code recommendation}, {@code scores},
     * {@code confidence}, {@code consider_fastapi}, {@code answers}, plus {@code margin} and {@code decided_by_tie}.
     */
    public static Map<String, Object> summary(Recommendation r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("recommendation", r.framework().id());
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put(Framework.DJANGO.id(), r.scores().django());
        scores.put(Framework.FLASK.id(), r.scores().flask());
        fields.put("scores", scores);
        fields.put("margin", r.margin());
        fields.put("confidence", r.confidence().id());
        fields.put("consider_fastapi", r.considerFastApi());
        fields.put("decided_by_tie", r.decidedByTie());
        fields.put("answers", new LinkedHashMap<>(r.answers().asMap()));
        return fields;
    }

    /** {@link #summary} plus the confidence reason, every reason with its citations, and the tie rule if it decided. */
    public static Map<String, Object> report(Recommendation r) {
        Map<String, Object> fields = summary(r);
        fields.put("confidence_reason", r.confidenceReason());
        List<Object> reasons = new ArrayList<>();
        for (Reason reason : r.reasons()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("question", reason.question().id());
            item.put("question_label", reason.question().label());
            item.put("option", reason.option().id());
            item.put("option_text", reason.option().text());
            item.put("direction", reason.direction().id());
            item.put("weight", reason.option().weight());
            item.put("fastapi", reason.option().fastApi());
            item.put("why", reason.option().why());
            item.put("citations", citations(r, reason.citations()));
            reasons.add(item);
        }
        fields.put("reasons", reasons);
        if (r.decidedByTie()) {
            fields.put("tie_break", citations(r, r.tieBreakCitations()));
        }
        List<Object> sources = new ArrayList<>();
        for (Source source : r.citedSources()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", r.citationNumber(source));
            item.put("id", source.id());
            item.put("title", source.title());
            item.put("publisher", source.publisher());
            source.url().ifPresent(url -> item.put("url", url));
            source.date().ifPresent(date -> item.put("date", date));
            sources.add(item);
        }
        fields.put("sources", sources);
        return fields;
    }

    private static List<Object> citations(Recommendation r, List<Citation> citations) {
        List<Object> list = new ArrayList<>();
        for (Citation citation : citations) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", r.citationNumber(citation.source()));
            item.put("source", citation.source().id());
            item.put("quote", citation.quote());
            list.add(item);
        }
        return list;
    }
}
