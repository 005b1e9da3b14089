package com.frameworkadvisor.slack.render;

/**
 * The short notes the app sends a person (ephemeral messages, slash-command answers, form errors): each says what
 * happened and what to do next, in one place, so none ends at "something went wrong".
 */
public final class Notices {
    /** How many decisions {@code history} lists. */
    public static final int HISTORY_SIZE = 10;

    private Notices() {
    }

    /** Why Slack did not open the questions. */
    public enum NoModal {
        /** The trigger id expired: Slack's 3-second window passed. */
        TRIGGER_EXPIRED,
        /** Slack refused the app's token or scopes. */
        MISCONFIGURED,
        /** Anything else; Slack's error code is named. */
        OTHER
    }

    /** {@code /framework help}. */
    public static String usage(String command) {
        return "*Framework Advisor* helps your team choose between *Django* and *Flask*.\n"
                + "• `" + command + "` opens a few questions. I post the recommendation here, and the reasons "
                + "with citations to the articles in its thread.\n"
                + "• `" + command + " Customer portal` does the same and names the project.\n"
                + "• Anyone in the channel can press *Re-answer* on a result to revise the answers in the same "
                + "thread.\n"
                + "• `" + command + " history` lists this channel's last " + HISTORY_SIZE + " decisions with links "
                + "to their threads.\n"
                + "• `" + command + " help` shows this message.\n"
                + "Not sure about a question? Choose _Not sure / doesn't matter_: it counts for neither side.";
    }

    public static String unknownOrigin(String command) {
        return "I couldn't tell where this command came from. Please run `" + command + "` again.";
    }

    public static String unknownChannel(String command) {
        return "I couldn't tell which channel this is. Please run `" + command + " history` again.";
    }

    public static String historyUnavailable(String command) {
        return "I can't read the decision history right now (my database is unavailable). Please try again in "
                + "a few minutes; deciding with `" + command + "` still works.";
    }

    /** The answer when the modal could not be opened; {@code retry} says how ("press Re-answer again"). */
    public static String whyNoModal(NoModal why, String error, String retry) {
        return switch (why) {
            case TRIGGER_EXPIRED -> "Slack took too long to open the questions (its 3-second window expired). "
                    + "Please " + retry + ".";
            case MISCONFIGURED -> "I'm not set up correctly in this workspace (Slack said `" + error + "`). Please "
                    + "ask whoever installed Framework Advisor to check its token and reinstall it.";
            case OTHER -> "Slack didn't open the questions this time (" + error + "). Please " + retry
                    + " in a moment.";
        };
    }

    /** Why a recommendation could not be posted where it was asked for, and how to make it work next time. */
    public static String whyNotPosted(String channel, String error) {
        return switch (error) {
            case "not_in_channel" -> "I couldn't post in <#" + channel + "> because I'm not a member. Invite me "
                    + "with `/invite @Framework Advisor` and I can post there next time.";
            case "is_archived" -> "I couldn't post in <#" + channel + "> because it is archived. Unarchive it, "
                    + "or use me in another channel (invite me there with `/invite @Framework Advisor`).";
            default -> "I couldn't post in that conversation: it is a private channel I'm not in, or a direct "
                    + "message I can't see. In a private channel, invite me with `/invite @Framework Advisor`; "
                    + "otherwise use me from a channel I'm in.";
        };
    }

    /** Added to {@link #whyNotPosted} when the recommendation went to the person's DM instead. */
    public static final String SENT_AS_DM = " I've sent you the recommendation as a direct message.";

    public static final String POSTED_NOT_STORED = "I posted the recommendation, but I couldn't reach my database, "
            + "so it isn't in the channel's history or the team tally yet. Re-answering in its thread in a few "
            + "minutes will count it.";

    public static final String ANSWERS_NOT_STORED = "I posted your answers in the thread, but I couldn't reach my "
            + "database, so they aren't counted in the team tally yet. Press *Re-answer* again in a few minutes to "
            + "be counted.";

    public static final String BUTTON_UNREADABLE = "This button can't be read any more. Run the command again to "
            + "start a new decision.";

    public static String onlyRecorderReopens(String recordedBy) {
        return "Only " + Mrkdwn.user(recordedBy) + ", who recorded this decision, can reopen it. Ask them, or start "
                + "a new decision.";
    }

    public static String recordFailed(String error) {
        return "I couldn't update this decision (Slack said " + error + "). Please press the button again in a "
                + "moment.";
    }

    // Errors shown on the modal's fields (Slack shows them under the input they name).

    public static final String FORM_UNREADABLE = "This form can't be read any more. Close it and run the command "
            + "again.";
    public static final String WHO_ARE_YOU = "I couldn't tell who you are. Close this form and try again.";
    public static final String CHOOSE_AN_ANSWER = "Choose an answer, or “Not sure / doesn't matter”.";
    public static final String ANSWER_NO_LONGER_OFFERED = "That answer is no longer offered. Choose again.";
    public static final String BOX_NO_LONGER_OFFERED = "One of these is no longer offered. Untick it and submit "
            + "again.";
    public static final String TOO_BUSY = "I'm too busy to take this right now. Wait a few seconds and press "
            + "Recommend again; your answers are still here.";

    public static String projectTooLong(int max) {
        return "Keep the project name to " + max + " characters or fewer.";
    }
}
