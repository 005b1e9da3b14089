package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision question with its options.
 *
 * @param id the question id (the modal's block and action id; for a checkbox, the checkbox's value)
 * @param label the question as people read it (for a checkbox, the checkbox's text)
 * @param shortLabel a few words naming it in summaries ("API only"), for tallies and change lists
 * @param help optional hint shown under the question
 * @param options the answers, including {@value Option#UNSURE}
 * @param group the id of the {@link CheckboxGroup} that asks this question as one checkbox, if it is one: then its
 *              options are {@value #TICKED} (ticked) and {@value Option#UNSURE} (not ticked)
 */
public record Question(String id, String label, String shortLabel, Optional<String> help, List<Option> options,
                       Optional<String> group) {
    /** The option of a checkbox question that means "ticked". */
    public static final String TICKED = "yes";

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(shortLabel, "shortLabel");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(group, "group");
        options = List.copyOf(options);
    }

    /** A question asked with radio buttons of its own. */
    public Question(String id, String label, String shortLabel, Optional<String> help, List<Option> options) {
        this(id, label, shortLabel, help, options, Optional.empty());
    }

    public Optional<Option> option(String optionId) {
        return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
    }

    /** The "not sure / doesn't matter" option every question has. */
    public Option unsure() {
        return option(Option.UNSURE).orElseThrow(
                () -> new IllegalStateException("question " + id + " has no " + Option.UNSURE + " option"));
    }

    public boolean isCheckbox() {
        return group.isPresent();
    }
}
