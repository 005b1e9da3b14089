package com.frameworkadvisor.support;

import com.frameworkadvisor.decision.DecisiveRule;
import com.frameworkadvisor.decision.Framework;
import com.frameworkadvisor.decision.Lean;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * docs/how-the-advice-works.md's rules written out again, plainly, with sets of criterion names instead of the
 * scorer's bits and search: what the scorer's answers are checked against by brute force.
 */
public final class ReferenceRules {
    private ReferenceRules() {
    }

    /**
     * The recommendation for raw answers (missing questions are unsure). With {@code decisive} false, the decisive
     * rules are left out: what the count alone says.
     */
    public static Framework verdict(QuestionBank bank, Map<String, String> answers, boolean decisive) {
        if (decisive && bank.decisive().stream().anyMatch(rule -> holds(rule, answers))) {
            return Framework.DJANGO;
        }
        Set<String> django = new HashSet<>();
        Set<String> flask = new HashSet<>();
        for (Question question : bank.questions()) {
            Option option = question.option(answers.getOrDefault(question.id(), Option.UNSURE)).orElseThrow();
            option.criterion().ifPresent(c -> (option.lean() == Lean.DJANGO ? django : flask).add(c));
        }
        if (django.size() == flask.size()) {
            return Framework.DJANGO; // 004: «Tied → Django»
        }
        if (Math.max(django.size(), flask.size()) >= 3) {
            return django.size() > flask.size() ? Framework.DJANGO : Framework.FLASK;
        }
        if (django.size() > flask.size()) {
            return Framework.DJANGO;
        }
        boolean service = flask.stream().anyMatch(bank.rules().service().criteria()::contains);
        boolean product = django.stream().anyMatch(bank.rules().product().criteria()::contains);
        return service && !product ? Framework.FLASK : Framework.DJANGO;
    }

    public static boolean holds(DecisiveRule rule, Map<String, String> answers) {
        return rule.when().entrySet().stream()
                .allMatch(e -> e.getValue().equals(answers.getOrDefault(e.getKey(), Option.UNSURE)));
    }
}
