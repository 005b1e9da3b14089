package com.frameworkadvisor.decision;

import java.util.Objects;
import java.util.Optional;

/**
 * Several yes-or-no questions asked as one optional checkboxes input ("Anything else that applies?"), so that
 * criteria that matter only sometimes keep the modal quick. Each checkbox is a {@link Question} of its own.
 *
 * @param id the input's block and action id
 * @param label the input's label
 * @param help optional hint shown under it
 */
public record CheckboxGroup(String id, String label, Optional<String> help) {
    public CheckboxGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
    }
}
