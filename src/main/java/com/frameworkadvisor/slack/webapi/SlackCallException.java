package com.frameworkadvisor.slack.webapi;

import java.util.Set;

/** A Slack Web API call failed for good: Slack said {@code ok:false}, or retries ran out. */
public final class SlackCallException extends Exception {
    /** What kind of failure, so callers can choose the right fallback. */
    public enum Kind {
        /** The bot cannot post in this conversation: the fallback is an ephemeral note and a DM. */
        CHANNEL,
        /** {@code views.open} came too late or twice: the user must run the command again. */
        TRIGGER,
        /** The token or app setup is wrong: an operator must act (see README). */
        CONFIGURATION,
        /** Slack stayed unreachable, slow or rate limited past the deadline. */
        UNAVAILABLE,
        /** The app is not installed in the workspace (or was uninstalled): there is no token to call it with. */
        NOT_INSTALLED,
        /** Any other {@code ok:false} error. */
        OTHER
    }

    /** The request was sent but Slack did not answer in time: it may or may not have been carried out. */
    public static final String NO_ANSWER = "no_answer_in_time";

    private static final Set<String> CHANNEL_ERRORS = Set.of("not_in_channel", "channel_not_found", "is_archived");
    private static final Set<String> TRIGGER_ERRORS =
            Set.of("expired_trigger_id", "exchanged_trigger_id", "invalid_trigger_id", "trigger_expired");
    private static final Set<String> CONFIGURATION_ERRORS = Set.of("invalid_auth", "not_authed", "token_revoked",
            "token_expired", "account_inactive", "missing_scope", "no_permission", "not_allowed_token_type");

    private final String error;
    private final Kind kind;

    SlackCallException(String method, String error, Kind kind) {
        super(method + " failed: " + error);
        this.error = error;
        this.kind = kind;
    }

    /** Slack could not be called: {@code why}. */
    public static SlackCallException unavailable(String method, String why) {
        return new SlackCallException(method, "unavailable: " + why, Kind.UNAVAILABLE);
    }

    /** The app has no installation in {@code workspace}. */
    public static SlackCallException notInstalled(String method, String workspace) {
        return new SlackCallException(method, "not_installed in " + workspace, Kind.NOT_INSTALLED);
    }

    /** Classifies an {@code ok:false} error code from Slack. */
    static SlackCallException of(String method, String error) {
        String code = error == null ? "unknown_error" : error;
        Kind kind = CHANNEL_ERRORS.contains(code) ? Kind.CHANNEL
                : TRIGGER_ERRORS.contains(code) ? Kind.TRIGGER
                : CONFIGURATION_ERRORS.contains(code) ? Kind.CONFIGURATION
                : Kind.OTHER;
        return new SlackCallException(method, code, kind);
    }

    /** Slack's error code, e.g. {@code not_in_channel}. */
    public String error() {
        return error;
    }

    public Kind kind() {
        return kind;
    }
}
