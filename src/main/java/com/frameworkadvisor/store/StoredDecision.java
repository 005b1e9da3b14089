package com.frameworkadvisor.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A decision thread as stored: where it is, its project, who started it and when. */
public record StoredDecision(long id, ThreadKey thread, Optional<String> project, String createdBy,
                             Instant createdAt) {
    public StoredDecision {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
