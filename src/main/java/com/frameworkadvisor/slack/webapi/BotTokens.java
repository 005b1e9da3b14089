package com.frameworkadvisor.slack.webapi;

/**
 * Where a workspace's bot token comes from: the one {@code SLACK_BOT_TOKEN} of a single-workspace app, or the
 * workspace's installation when the app is installed through OAuth.
 */
public interface BotTokens {
    /**
     * The bot token for calls into {@code workspace} (a team id).
     *
     * @throws SlackCallException of kind {@link SlackCallException.Kind#NOT_INSTALLED} when the app has no
     *                            installation there
     */
    String botToken(String workspace) throws SlackCallException;

    /**
     * Slack refused this workspace's token (revoked, expired). A single app-wide token means the app is
     * misconfigured (the caller reports it); a workspace's own token means only that installation is.
     *
     * @return true when this was one workspace's token, and any copy kept in memory is forgotten
     */
    boolean refused(String workspace);

    /** Whether the app can call into {@code workspace} (it is installed there). */
    default boolean installed(String workspace) {
        try {
            botToken(workspace);
            return true;
        } catch (SlackCallException e) {
            return false;
        }
    }

    /** No bot token at all: for the calls the app makes as itself, with its client credentials. */
    static BotTokens none() {
        return new BotTokens() {
            @Override
            public String botToken(String workspace) throws SlackCallException {
                throw SlackCallException.notInstalled("auth", String.valueOf(workspace));
            }

            @Override
            public boolean refused(String workspace) {
                return false;
            }
        };
    }

    /** The same token for every workspace: a single-workspace app. */
    static BotTokens single(String token) {
        return new BotTokens() {
            @Override
            public String botToken(String workspace) {
                return token;
            }

            @Override
            public boolean refused(String workspace) {
                return false;
            }
        };
    }
}
