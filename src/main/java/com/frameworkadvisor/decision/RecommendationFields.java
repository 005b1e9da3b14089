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
     * {@code confidence}, {@code consider_fastapi}, {@code answers}; plus {@code margin}, {@code decided_by_tie},
     * {@code basis} (the rule that decided), {@code fastapi} ({@code none}, {@code consider} or {@code instead})
     * and {@code decisive} (the ids of the decisive rules that hold).
     */
    public static Map<String, Object> summary(Recommendation r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("recommendation", r.framework().id());
        fields.put("scores", scores(r.scores()));
        fields.put("margin", r.margin());
        fields.put("confidence", r.confidence().id());
        fields.put("consider_fastapi", r.considerFastApi());
        fields.put("fastapi", r.fastApi().level().id());
        fields.put("basis", r.basis().id());
        fields.put("decided_by_tie", r.decidedByTie());
        fields.put("decisive", r.decisive().stream().map(DecisiveRule::id).toList());
        fields.put("answers", new LinkedHashMap<>(r.answers().asMap()));
        return fields;
    }

    /**
     * {@link #summary} plus the confidence reason, every reason with its citations, the rule that decided with its
     * sentences, what would change the result, and the sources.
     */
    public static Map<String, Object> report(Recommendation r, WhatWouldChange change) {
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
            reason.option().criterion().ifPresent(criterion -> item.put("criterion", criterion));
            item.put("counted", reason.counted());
            reason.countedWith().ifPresent(q -> item.put("counted_with", q.id()));
            item.put("fastapi", reason.option().fastApi().given(r.framework()).id());
            item.put("why", reason.option().why());
            item.put("citations", citations(r, reason.citations()));
            reasons.add(item);
        }
        fields.put("reasons", reasons);
        fields.put("rule", citations(r, r.ruleCitations()));
        if (r.fastApi().any()) {
            fields.put("fastapi_reasons", r.fastApiReasons().stream().map(x -> x.question().id()).toList());
        }
        fields.put("what_would_change", change(change));
        List<Object> sources = new ArrayList<>();
        for (Source source : r.citedSources()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("number", r.citationNumber(source));
            item.put("id", source.id());
            item.put("name", source.name());
            source.title().ifPresent(title -> item.put("title", title));
            source.subtitle().ifPresent(subtitle -> item.put("subtitle", subtitle));
            source.about().ifPresent(about -> item.put("about", about));
            item.put("publisher", source.publisher());
            source.url().ifPresent(url -> item.put("url", url));
            source.date().ifPresent(date -> item.put("date", date));
            source.revisionNote().ifPresent(note -> item.put("revision_note", note));
            sources.add(item);
        }
        fields.put("sources", sources);
        return fields;
    }

    /** A team's result: DESIGN.md's {@code team} fields, plus how the answers were combined and what decides it. */
    public static Map<String, Object> team(TeamTally t) {
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("people", t.people());
        team.put("django", t.django());
        team.put("flask", t.flask());
        team.put("recommendation", t.recommendation().id());
        team.put("split", t.splits().stream().map(s -> s.question().id()).toList());
        team.put("rule", "answers_combined_per_question");
        team.put("scores", scores(t.combined().scores()));
        team.put("confidence", t.combined().confidence().id());
        team.put("deciding", t.deciding().stream().map(d -> d.question().id()).toList());
        return team;
    }

    private static Map<String, Object> scores(Scores scores) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(Framework.DJANGO.id(), scores.django());
        map.put(Framework.FLASK.id(), scores.flask());
        return map;
    }

    private static Map<String, Object> change(WhatWouldChange change) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("to", change.other().id());
        fields.put("single_changes", changes(change.singleChanges()));
        fields.put("fewest_changes", change.fewest());
        fields.put("example", changes(change.example()));
        List<Object> decisive = new ArrayList<>();
        change.decisive().forEach((rule, needed) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("rule", rule.id());
            item.put("framework", rule.framework().id());
            item.put("needs", changes(needed));
            decisive.add(item);
        });
        fields.put("decisive", decisive);
        return fields;
    }

    private static List<Object> changes(List<AnswerChange> changes) {
        List<Object> list = new ArrayList<>();
        for (AnswerChange change : changes) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("question", change.question().id());
            item.put("from", change.from().id());
            item.put("to", change.to().id());
            list.add(item);
        }
        return list;
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
