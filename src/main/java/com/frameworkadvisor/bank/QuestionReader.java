package com.frameworkadvisor.bank;

import com.frameworkadvisor.bank.BankYaml.CheckboxYaml;
import com.frameworkadvisor.bank.BankYaml.OptionYaml;
import com.frameworkadvisor.bank.BankYaml.QuestionYaml;
import com.frameworkadvisor.decision.CheckboxGroup;
import com.frameworkadvisor.decision.Citation;
import com.frameworkadvisor.decision.FastApiSignal;
import com.frameworkadvisor.decision.Lean;
import com.frameworkadvisor.decision.Option;
import com.frameworkadvisor.decision.Question;
import com.frameworkadvisor.decision.Source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.frameworkadvisor.bank.QuestionBankLoader.MAX_HELP;
import static com.frameworkadvisor.bank.QuestionBankLoader.MAX_LABEL;
import static com.frameworkadvisor.bank.QuestionBankLoader.MAX_OPTION_TEXT;
import static com.frameworkadvisor.bank.QuestionBankLoader.MAX_OPTION_VALUE;
import static com.frameworkadvisor.bank.QuestionBankLoader.MAX_RADIO_OPTIONS;
import static com.frameworkadvisor.bank.QuestionBankLoader.MAX_SHORT_LABEL;

/** Builds the questions of a bank file, radio and checkbox, with their options, checked against Slack's limits. */
final class QuestionReader {
    private QuestionReader() {
    }

    static Question question(Problems problems, String where, QuestionYaml raw, Map<String, Source> sources) {
        problems.requireId(where, raw.id());
        problems.requireText(where, "label", raw.label(), MAX_LABEL);
        problems.requireText(where, "short_label", raw.shortLabel(), MAX_SHORT_LABEL);
        if (raw.help() != null) {
            problems.requireText(where, "help", raw.help(), MAX_HELP);
        }
        if (raw.options() == null || raw.options().size() < 2) {
            throw problems.fail(where, "needs at least one answer besides '" + Option.UNSURE + "'");
        }
        if (raw.options().size() > MAX_RADIO_OPTIONS) {
            throw problems.fail(where, "has " + raw.options().size() + " options; Slack radio buttons allow at most "
                    + MAX_RADIO_OPTIONS);
        }
        List<Option> options = new ArrayList<>();
        Set<String> optionIds = new HashSet<>();
        for (OptionYaml o : raw.options()) {
            Option option = option(problems, where + "option '" + o.id() + "': ", o, sources);
            if (!optionIds.add(option.id())) {
                throw problems.fail(where, "duplicate option id '" + option.id() + "'");
            }
            options.add(option);
        }
        Option unsure = options.stream().filter(o -> o.id().equals(Option.UNSURE)).findFirst()
                .orElseThrow(() -> problems.fail(where, "has no '" + Option.UNSURE
                        + "' option; every question must let people say they are not sure"));
        if (unsure.movesScore() || unsure.fastApi() != FastApiSignal.NONE) {
            throw problems.fail(where, "option '" + Option.UNSURE + "' must count for neither side (lean: none, "
                    + "no fastapi)");
        }
        return new Question(raw.id(), raw.label().strip(), raw.shortLabel().strip(),
                Optional.ofNullable(raw.help()).map(String::strip), options);
    }

    /** A checkboxes input: each checkbox becomes a question whose options are ticked and not ticked. */
    static List<Question> checkboxes(Problems problems, String where, QuestionYaml raw,
                                             Map<String, Source> sources, List<CheckboxGroup> groups) {
        problems.requireId(where, raw.id());
        problems.requireText(where, "label", raw.label(), MAX_LABEL);
        if (raw.help() != null) {
            problems.requireText(where, "help", raw.help(), MAX_HELP);
        }
        if (raw.options() != null || raw.shortLabel() != null) {
            throw problems.fail(where, "a checkboxes question has no options or short_label of its own; each "
                    + "checkbox has them");
        }
        if (raw.checkboxes().isEmpty() || raw.checkboxes().size() > MAX_RADIO_OPTIONS) {
            throw problems.fail(where, "needs 1 to " + MAX_RADIO_OPTIONS + " checkboxes (Slack's limit), has "
                    + raw.checkboxes().size());
        }
        CheckboxGroup group = new CheckboxGroup(raw.id(), raw.label().strip(),
                Optional.ofNullable(raw.help()).map(String::strip));
        groups.add(group);
        List<Question> questions = new ArrayList<>();
        for (CheckboxYaml box : raw.checkboxes()) {
            String boxWhere = where + "checkbox '" + box.id() + "': ";
            problems.requireId(boxWhere, box.id());
            problems.requireText(boxWhere, "short_label", box.shortLabel(), MAX_SHORT_LABEL);
            Option ticked = option(problems, boxWhere, box.ticked(), sources);
            if (!ticked.movesScore() && ticked.fastApi() == FastApiSignal.NONE) {
                throw problems.fail(boxWhere, "a checkbox that counts for nothing would only slow the modal down");
            }
            Option notTicked = new Option(Option.UNSURE, "Not ticked", Lean.NONE, Optional.empty(),
                    FastApiSignal.NONE, "Not ticked: counts for neither framework.", List.of());
            questions.add(new Question(box.id(), ticked.text(), box.shortLabel().strip(), Optional.empty(),
                    List.of(ticked, notTicked), Optional.of(group.id())));
        }
        return questions;
    }

    static Option option(Problems problems, String where, OptionYaml o, Map<String, Source> sources) {
        problems.requireId(where, o.id());
        if (o.id().length() > MAX_OPTION_VALUE) {
            throw problems.fail(where, "id is " + o.id().length() + " characters; Slack allows at most "
                    + MAX_OPTION_VALUE + " in an option value");
        }
        problems.requireText(where, "text", o.text(), MAX_OPTION_TEXT);
        problems.requireText(where, "why", o.why(), MAX_LABEL);
        Lean lean = Lean.fromId(o.lean()).orElseThrow(() -> problems.fail(where,
                "lean must be one of django, flask, none; was '" + o.lean() + "'"));
        if (lean == Lean.NONE && o.criterion() != null) {
            throw problems.fail(where, "criterion '" + o.criterion() + "' with lean none counts for nothing; give "
                    + "the lean, or drop the criterion");
        }
        if (lean != Lean.NONE) {
            if (o.criterion() == null) {
                throw problems.fail(where, "counts for " + lean.id() + " but names no criterion; name the article "
                        + "criterion it counts as (answers naming the same one count once)");
            }
            problems.requireId(where, o.criterion());
        }
        FastApiSignal fastApi = o.fastapi() == null ? FastApiSignal.NONE
                : FastApiSignal.fromId(o.fastapi()).filter(signal -> signal != FastApiSignal.NONE)
                        .orElseThrow(() -> problems.fail(where, "fastapi must be one of consider, instead, "
                                + "instead_of_flask; was '" + o.fastapi() + "'"));
        List<Citation> citations = problems.citations(where, o.citations(), sources);
        if ((lean != Lean.NONE || fastApi != FastApiSignal.NONE) && citations.isEmpty()) {
            throw problems.fail(where, "counts for " + (fastApi != FastApiSignal.NONE ? "FastAPI" : lean.id())
                    + " but cites nothing; every scoring rule must be traced to an article sentence");
        }
        return new Option(o.id(), o.text().strip(), lean, Optional.ofNullable(o.criterion()), fastApi,
                o.why().strip(), citations);
    }
}
