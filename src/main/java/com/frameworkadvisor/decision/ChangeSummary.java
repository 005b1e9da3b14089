package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * "What would change it" in plain sentences, the same in Slack and on the command line: which single changed
 * answers flip a recommendation, or how many it would take, and which disagreements decide a team's result.
 */
public final class ChangeSummary {
    /** Past this many questions, a list of single changes says how many more there are. */
    static final int LISTED = 6;

    private ChangeSummary() {
    }

    /** The sentences for one person's recommendation, most useful first. */
    public static List<String> of(WhatWouldChange change) {
        List<String> lines = new ArrayList<>();
        String other = change.other().displayName();
        if (!change.singleChanges().isEmpty()) {
            Map<Question, List<Option>> byQuestion = new LinkedHashMap<>();
            change.singleChanges().forEach(c -> byQuestion.computeIfAbsent(c.question(), q -> new ArrayList<>())
                    .add(c.to()));
            List<String> items = byQuestion.entrySet().stream().limit(LISTED)
                    .map(e -> change(e.getKey(), e.getValue())).toList();
            int more = byQuestion.size() - items.size();
            lines.add("One changed answer would make it " + other + ": " + String.join("; ", items)
                    + (more > 0 ? "; or " + more + " more question" + (more == 1 ? "" : "s") : "") + ".");
        } else if (change.fewest() > 0) {
            lines.add("No single changed answer would make it " + other + "; it would take " + change.fewest()
                    + ", for example " + join(change.example().stream()
                    .map(c -> change(c.question(), List.of(c.to()))).toList()) + ".");
        } else {
            lines.add("Not even " + Scorer.MAX_CHANGES + " changed answers would make it " + other + ".");
        }
        if (!change.decisive().isEmpty()) {
            lines.add("Whatever the count, article 004 would make it Django if " + change.decisive().values().stream()
                    .map(needed -> join(needed.stream().map(c -> change(c.question(), List.of(c.to()))).toList()))
                    .collect(Collectors.joining("; or if ")) + ".");
        }
        return lines;
    }

    /** Which disagreements decide a team's result; one sentence each, or one saying none does. */
    public static List<String> team(TeamTally tally) {
        if (tally.deciding().isEmpty()) {
            return List.of(tally.splits().isEmpty() ? "You agree on every answer."
                    : "None of your disagreements decides the team result on its own: it stays "
                    + tally.recommendation().displayName() + " whichever way you settle any one of them.");
        }
        List<String> lines = new ArrayList<>();
        for (TeamTally.Deciding deciding : tally.deciding()) {
            Question question = deciding.question();
            List<String> outcomes = deciding.results().entrySet().stream()
                    .map(e -> answer(question, question.option(e.getKey()).orElseThrow()) + ", "
                            + e.getValue().displayName())
                    .toList();
            lines.add("If you agree on " + question.shortLabel() + ": " + String.join("; on ", outcomes) + ".");
        }
        return lines;
    }

    /** "Persistence → None or NoSQL or another non-relational store", or "“Complex user roles …” ticked". */
    static String change(Question question, List<Option> to) {
        if (question.isCheckbox()) {
            return "“" + question.label() + "” " + (to.get(0).id().equals(Question.TICKED) ? "ticked" : "unticked");
        }
        return question.shortLabel() + " → " + to.stream().map(o -> answer(question, o))
                .collect(Collectors.joining(" or "));
    }

    private static String answer(Question question, Option option) {
        if (question.isCheckbox()) {
            return option.id().equals(Question.TICKED) ? "ticked" : "not ticked";
        }
        return option.shortText();
    }

    private static String join(List<String> items) {
        return items.size() == 1 ? items.get(0)
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
