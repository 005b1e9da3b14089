package com.frameworkadvisor.decision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision question with its options.
 *
 * @param id the question id (the modal's block and action id)
 * @param label the question as people read it
 * @param shortLabel a few words naming it in summaries ("API only"), for tallies and change lists
 * @param help optional hint shown under the question
 * @param options the answers, including {@value Option#UNSURE}
 */
public record Question(String id, String label, String shortLabel, Optional<String> help, List<Option> options) {
    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(shortLabel, "shortLabel");
        Objects.requireNonNull(help, "help");
        options = List.copyOf(options);
    }

    public Optional<Option> option(String optionId) {
        return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
    }

    /** The "not sure / doesn't matter" option every question has. */
    public Option unsure() {
        return option(Option.UNSURE).orElseThrow(
                () -> new IllegalStateException("question " + id + " has no " + Option.UNSURE + " option"));
    }
}
