package com.frameworkadvisor.slack.payload;

/** The Slack ids of DESIGN.md's contract, in one place: tools and tests drive the app through them. */
public final class SlackIds {
    /** The decision modal's {@code callback_id}. */
    public static final String DECISION_MODAL = "framework_decision";
    /** The optional project name's {@code block_id} and {@code action_id}. */
    public static final String PROJECT = "project";
    /** The Re-answer button's {@code action_id} on the parent message. */
    public static final String REANSWER = "reanswer";
    /** The "Record decision" button on the parent message. */
    public static final String RECORD_DECISION = "record_decision";
    /** The "Reopen" button on a recorded decision (only for the person who recorded it). */
    public static final String REOPEN_DECISION = "reopen_decision";
    /** The App Home's "Start a new decision" button. */
    public static final String HOME_NEW_DECISION = "home_new_decision";
    /** The message shortcut that decides inside an existing thread. */
    public static final String DECIDE_HERE_SHORTCUT = "framework_decide_here";
    /** The {@code event_type} of the metadata on every recommendation message. */
    public static final String RECOMMENDATION_EVENT = "framework_recommendation";
    /** The {@code event_type} of the metadata on the reply that says a decision was reopened. */
    public static final String REOPENED_EVENT = "framework_decision_reopened";
    /** The block of the parent message's buttons (Re-answer and Record decision, or Reopen). */
    public static final String DECISION_ACTIONS = "decision_actions";
    /** The block of the Home tab's button. */
    public static final String HOME_ACTIONS = "home_actions";

    private SlackIds() {
    }
}
