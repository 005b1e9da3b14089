package com.frameworkadvisor.support;

import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.FastApiSignal;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.QuestionBank;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Answer sets that are cheap to enumerate but reach the corners of a question bank: all unsure, every first and
 * every last real option, each option alone and against both of those backgrounds, the wordiest option
 * everywhere, the FastAPI and tie cases, and a fixed-seed random sample. Keyed by a description for messages.
 */
public final class AnswerCombinations {
    private static final long SEED = 20_240_501L;

    private AnswerCombinations() {
    }

    public static Map<String, Map<String, String>> of(QuestionBank bank, int randomSamples) {
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        Map<String, String> unsure = fill(bank, Question::unsure);
        Map<String, String> first = fill(bank, q -> real(q).get(0));
        Map<String, String> last = fill(bank, q -> real(q).get(real(q).size() - 1));
        sets.put("all unsure", unsure);
        sets.put("every first option", first);
        sets.put("every last option before unsure", last);
        sets.put("the wordiest option everywhere", fill(bank, q -> q.options().stream()
                .max(Comparator.comparingInt(AnswerCombinations::wordiness)).orElseThrow()));
        for (Question question : bank.questions()) {
            for (Option option : question.options()) {
                String choice = question.id() + "=" + option.id();
                sets.put("only " + choice, with(unsure, question, option));
                sets.put("every first option but " + choice, with(first, question, option));
                sets.put("every last option but " + choice, with(last, question, option));
            }
        }
        Map<String, String> fastApi = new LinkedHashMap<>(unsure);
        for (Question question : bank.questions()) {
            question.options().stream().filter(o -> o.fastApi() != FastApiSignal.NONE).findFirst()
                    .ifPresent(option -> fastApi.put(question.id(), option.id()));
        }
        sets.put("every FastAPI option", fastApi);
        Random random = new Random(SEED);
        for (int i = 0; i < randomSamples; i++) {
            sets.put("random sample " + i, fill(bank, q -> q.options().get(random.nextInt(q.options().size()))));
        }
        return sets;
    }

    private static List<Option> real(Question question) {
        List<Option> real = question.options().stream().filter(o -> !o.id().equals(Option.UNSURE)).toList();
        return real.isEmpty() ? List.of(question.unsure()) : real;
    }

    /** How much text choosing {@code option} puts into a message. */
    private static int wordiness(Option option) {
        return option.text().length() + option.why().length()
                + option.citations().stream().map(Citation::quote).mapToInt(String::length).sum();
    }

    private static Map<String, String> with(Map<String, String> base, Question question, Option option) {
        Map<String, String> answers = new LinkedHashMap<>(base);
        answers.put(question.id(), option.id());
        return answers;
    }

    private static Map<String, String> fill(QuestionBank bank, Function<Question, Option> choice) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Question question : bank.questions()) {
            answers.put(question.id(), choice.apply(question).id());
        }
        return answers;
    }
}
