package com.frameworkadvisor.slack;

import com.slack.api.bolt.response.Response;

import java.util.Objects;

/**
 * The app's answer to a request from Slack, and what kind of request it was, for metrics: {@code slash_command},
 * {@code event}, {@code view_submission}, {@code block_action} and so on (Bolt's request types), or
 * {@code malformed}.
 */
public record Routed(String kind, Response response) {
    public Routed {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(response, "response");
    }
}
