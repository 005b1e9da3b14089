package com.frameworkadvisor.slack;

import java.util.regex.Pattern;

/** Safe building blocks for Slack's mrkdwn, where {@code & < >} are control characters. */
final class Mrkdwn {
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern TEAM_ID = Pattern.compile("[TE][A-Z0-9]{2,30}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CDG][A-Z0-9]{2,30}");

    private Mrkdwn() {
    }

    /**
     * Escapes text a person typed so it shows as typed: {@code <!channel>} or {@code <https://x|y>} in a project
     * name must never ping anyone or forge a link. Slack asks for exactly these three replacements.
     */
    static String escape(String text) {
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
    static String user(String userId) {
        return userId != null && USER_ID.matcher(userId).matches() ? "<@" + userId + ">" : "someone";
    }

    static boolean isUserId(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }

    static boolean isTeamId(String id) {
        return id != null && TEAM_ID.matcher(id).matches();
    }

    static boolean isChannelId(String id) {
        return id != null && CHANNEL_ID.matcher(id).matches();
    }

    /** A link, or the plain label when there is no URL. */
    static String link(String url, String label) {
        return url == null ? escape(label) : "<" + url + "|" + escape(label).replace("|", "¦") + ">";
    }
}
