package com.frameworkadvisor.slack;

/** The app cannot start serving Slack; the message says why and what to do. */
public final class StartupException extends RuntimeException {
    StartupException(String message) {
        super(message);
    }
}
