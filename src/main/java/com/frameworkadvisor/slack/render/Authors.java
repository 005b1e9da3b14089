package com.frameworkadvisor.slack.render;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a result belongs to.
 *
 * @param project the project name, if one was given
 * @param askedBy who started the decision
 * @param submittedBy who submitted these answers
 */
public record Authors(Optional<String> project, String askedBy, String submittedBy) {
    public Authors {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(askedBy, "askedBy");
        Objects.requireNonNull(submittedBy, "submittedBy");
    }
}
