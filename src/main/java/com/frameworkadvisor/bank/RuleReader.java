package com.frameworkadvisor.bank;

import com.frameworkadvisor.bank.BankYaml.CitationYaml;
import com.frameworkadvisor.bank.BankYaml.DecisiveYaml;
import com.frameworkadvisor.bank.BankYaml.RulesYaml;
import com.frameworkadvisor.bank.BankYaml.SentenceYaml;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.DecisiveRule;
import com.frameworkadvisor.decision.Framework;
import com.frameworkadvisor.decision.Lean;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.ScoringRules;
import com.frameworkadvisor.decision.Source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds a bank's scoring rules and decisive rules, checking every criterion, question and option they name. */
final class RuleReader {
    private RuleReader() {
    }

    static ScoringRules rules(Problems problems, RulesYaml raw, Map<String, Source> sources,
                              Map<String, Lean> criteria) {
        if (raw == null) {
            throw problems.fail("", "there are no rules (count, tie, service, product, fallback)");
        }
        return new ScoringRules(required(problems, "rules: count: ", raw.count(), sources),
                required(problems, "rules: tie: ", raw.tie(), sources),
                sentence(problems, "rules: service: ", raw.service(), sources, criteria, Lean.FLASK),
                sentence(problems, "rules: product: ", raw.product(), sources, criteria, Lean.DJANGO),
                required(problems, "rules: fallback: ", raw.fallback(), sources));
    }

    private static List<Citation> required(Problems problems, String where, List<CitationYaml> raw,
                                           Map<String, Source> sources) {
        List<Citation> citations = problems.citations(where, raw, sources);
        if (citations.isEmpty()) {
            throw problems.fail(where, "quote the article's sentence for this rule");
        }
        return citations;
    }

    /** One of 004's opening sentences: the criteria it recognises all count for its framework. */
    private static ScoringRules.Sentence sentence(Problems problems, String where, SentenceYaml raw,
                                                  Map<String, Source> sources, Map<String, Lean> criteria,
                                                  Lean lean) {
        if (raw == null || raw.criteria() == null || raw.criteria().isEmpty()) {
            throw problems.fail(where, "name the criteria that make this sentence fit");
        }
        Set<String> named = new LinkedHashSet<>();
        for (String criterion : raw.criteria()) {
            if (criteria.get(criterion) != lean) {
                throw problems.fail(where, "criterion '" + criterion + "' " + (criteria.containsKey(criterion)
                        ? "counts for " + criteria.get(criterion).id() + ", not " + lean.id()
                        : "is not named by any option") + "; known: " + String.join(", ", criteria.keySet()));
            }
            named.add(criterion);
        }
        return new ScoringRules.Sentence(named, required(problems, where, raw.citations(), sources));
    }

    static List<DecisiveRule> decisive(Problems problems, List<DecisiveYaml> raw, Map<String, Source> sources,
                                       List<Question> questions) {
        if (raw == null) {
            return List.of();
        }
        List<DecisiveRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<Framework> frameworks = new HashSet<>();
        for (DecisiveYaml rule : raw) {
            String where = "decisive rule '" + rule.id() + "': ";
            problems.requireId(where, rule.id());
            if (!ids.add(rule.id())) {
                throw problems.fail(where, "duplicate decisive rule id");
            }
            Framework framework = Lean.fromId(rule.framework()).flatMap(Lean::framework).orElseThrow(() ->
                    problems.fail(where, "framework must be django or flask; was '" + rule.framework() + "'"));
            frameworks.add(framework);
            problems.requireText(where, "why", rule.why(), QuestionBankLoader.MAX_LABEL);
            if (rule.when() == null || rule.when().isEmpty()) {
                throw problems.fail(where, "'when' names no answers");
            }
            rule.when().forEach((questionId, optionId) -> {
                Optional<Question> question = questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
                if (question.isEmpty() || question.get().option(optionId).isEmpty()) {
                    throw problems.fail(where, "'when' names " + questionId + "=" + optionId
                            + ", which the bank does not ask");
                }
            });
            rules.add(new DecisiveRule(rule.id(), framework, rule.when(), rule.why().strip(),
                    required(problems, where, rule.citations(), sources)));
        }
        if (frameworks.size() > 1) {
            throw problems.fail("", "decisive rules decide for both frameworks; when both held, which would win? "
                    + "The articles call only Django's criteria decisive");
        }
        return rules;
    }
}
