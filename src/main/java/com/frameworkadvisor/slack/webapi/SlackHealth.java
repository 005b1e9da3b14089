package com.frameworkadvisor.slack.webapi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** What the app has learnt about its Slack configuration, reported by {@code GET /health}. */
public final class SlackHealth {
    private static final Logger log = LoggerFactory.getLogger(SlackHealth.class);

    private final AtomicReference<String> problem = new AtomicReference<>();

    void configurationProblem(String method, String error) {
        String message = "Slack rejected " + method + " with " + error + ": check SLACK_BOT_TOKEN and the app's "
                + "scopes, reinstall the app to the workspace if it was removed, then restart (README, Set-up).";
        if (problem.getAndSet(message) == null) {
            log.error("configuration_error {}", message);
        }
    }

    /** The configuration problem Slack reported, if any; it names the remedy and never a secret. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem.get());
    }
}
