package com.frameworkadvisor.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The validated set of questions, their options and the articles they cite.
 *
 * @param sources the articles
 * @param questions the questions, in the order they are asked (a checkbox group's questions stand together)
 * @param groups the checkbox inputs that ask several yes-or-no questions at once
 * @param rules article 004's sentences that turn counted answers into a recommendation
 * @param decisive the combinations of answers an article says decide on their own
 */
public record QuestionBank(List<Source> sources, List<Question> questions, List<CheckboxGroup> groups,
                           ScoringRules rules, List<DecisiveRule> decisive) {
    public QuestionBank {
        sources = List.copyOf(sources);
        questions = List.copyOf(questions);
        groups = List.copyOf(groups);
        Objects.requireNonNull(rules, "rules");
        decisive = List.copyOf(decisive);
    }

    public Optional<CheckboxGroup> group(String groupId) {
        return groups.stream().filter(g -> g.id().equals(groupId)).findFirst();
    }

    /** The questions a checkbox group asks, one per checkbox, in order. */
    public List<Question> questionsIn(CheckboxGroup group) {
        return questions.stream().filter(q -> q.group().filter(group.id()::equals).isPresent()).toList();
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /**
     * Checks raw {@code question id → option id} pairs against the bank; questions left out count as unsure.
     *
     * @throws InvalidAnswerException naming the unknown question or option and listing the valid ones
     */
    public Answers answers(Map<String, String> raw) {
        Objects.requireNonNull(raw, "raw");
        for (String questionId : raw.keySet()) {
            if (question(questionId).isEmpty()) {
                throw new InvalidAnswerException("unknown question '" + questionId + "'; valid questions: "
                        + questions.stream().map(Question::id).collect(Collectors.joining(", ")));
            }
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Question question : questions) {
            String optionId = raw.get(question.id());
            if (optionId == null) {
                chosen.put(question.id(), Option.UNSURE);
            } else if (question.option(optionId).isPresent()) {
                chosen.put(question.id(), optionId);
            } else {
                throw new InvalidAnswerException("unknown option '" + optionId + "' for question '" + question.id()
                        + "'; valid options: " + optionIds(question));
            }
        }
        return new Answers(this, chosen);
    }

    /**
     * Like {@link #answers}, but answers this bank no longer has (a question or option removed since they were
     * given) count as unsure instead of failing: for answers stored or carried from an earlier bank.
     */
    public Answers answersIgnoringUnknown(Map<String, String> raw) {
        Map<String, String> known = new LinkedHashMap<>();
        raw.forEach((questionId, optionId) -> question(questionId)
                .flatMap(q -> q.option(optionId))
                .ifPresent(option -> known.put(questionId, optionId)));
        return answers(known);
    }

    /** All answers unsure. */
    public Answers noAnswers() {
        return answers(Map.of());
    }

    static String optionIds(Question question) {
        List<String> ids = new ArrayList<>();
        question.options().forEach(o -> ids.add(o.id()));
        return String.join(", ", ids);
    }
}
