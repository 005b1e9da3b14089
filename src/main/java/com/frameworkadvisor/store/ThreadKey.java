package com.frameworkadvisor.store;

import java.util.Objects;

/** A decision thread: the workspace, the channel, and the {@code ts} of the thread's parent message. */
public record ThreadKey(String workspace, String channel, String threadTs) {
    public ThreadKey {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(threadTs, "threadTs");
    }
}
