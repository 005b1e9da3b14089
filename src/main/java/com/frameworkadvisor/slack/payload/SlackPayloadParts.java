package com.frameworkadvisor.slack.payload;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks on the parts of Slack payloads, button values and private metadata that the app trusts only once they
 * have the shape Slack gives them: a signed request can still carry anything (the fuzz test sends it).
 */
public final class SlackPayloadParts {
    /** Where the workspace is not known (a payload without a team); such decisions are stored under it. */
    static final String UNKNOWN_WORKSPACE = "unknown";

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern TEAM_ID = Pattern.compile("[TE][A-Z0-9]{2,30}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CDG][A-Z0-9]{2,30}");
    private static final Pattern MESSAGE_TS = Pattern.compile("\\d{1,12}\\.\\d{1,8}");

    private SlackPayloadParts() {
    }

    public static boolean isUserId(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }

    public static boolean isTeamId(String id) {
        return id != null && TEAM_ID.matcher(id).matches();
    }

    public static boolean isChannelId(String id) {
        return id != null && CHANNEL_ID.matcher(id).matches();
    }

    /** A message timestamp such as {@code 1700000000.000100}, which is also a message's id in its channel. */
    public static boolean isMessageTs(String ts) {
        return ts != null && MESSAGE_TS.matcher(ts).matches();
    }

    /** The workspace a payload came from, or {@link #UNKNOWN_WORKSPACE}. */
    public static String workspace(String teamId) {
        return isTeamId(teamId) ? teamId : UNKNOWN_WORKSPACE;
    }

    /** The pressed action with this id, if the payload has it. */
    public static Optional<BlockActionPayload.Action> action(BlockActionPayload payload, String actionId) {
        return payload.getActions() == null ? Optional.empty() : payload.getActions().stream()
                .filter(a -> a != null && actionId.equals(a.getActionId())).findFirst();
    }
}
