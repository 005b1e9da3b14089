package com.frameworkadvisor.slack.payload;

/** Slack's size limits on the values the app stores there, checked where the value is written. */
final class SlackLimits {
    private SlackLimits() {
    }

    /** Text that must fit a Slack limit whole (an id or value we wrote, which cannot be cut): fail loudly if not. */
    static String withinLimit(String text, int max, String what) {
        if (text.length() > max) {
            throw new IllegalStateException(what + " is " + text.length() + " characters; Slack allows " + max);
        }
        return text;
    }
}
