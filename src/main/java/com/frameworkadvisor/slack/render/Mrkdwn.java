package com.frameworkadvisor.slack.render;

import com.frameworkadvisor.slack.payload.SlackPayloadParts;

/** Safe building blocks for Slack's mrkdwn, where {@code & < >} are control characters. */
public final class Mrkdwn {
    private Mrkdwn() {
    }

    /**
     * Escapes text a person typed so it shows as typed: {@code <!channel>} or {@code <https://x|y>} in a project
     * name must never ping anyone or forge a link. Slack asks for exactly these three replacements.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A user mention, built only from a well-formed user id. */
    public static String user(String userId) {
        return SlackPayloadParts.isUserId(userId) ? "<@" + userId + ">" : "someone";
    }

    /** A link, or the plain label when there is no URL. */
    public static String link(String url, String label) {
        return url == null ? escape(label) : "<" + url + "|" + escape(label).replace("|", "¦") + ">";
    }
}
