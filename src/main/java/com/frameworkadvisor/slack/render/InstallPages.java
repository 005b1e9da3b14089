package com.frameworkadvisor.slack.render;

import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthInstallPageRenderer;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthRedirectUriPageRenderer;

/**
 * The pages a browser sees while installing the app: the install page with its "Add to Slack" link, the success
 * page saying what to do next, and the failure pages saying what happened and how to start again. Plain HTML with
 * no script or outside resource; every value is escaped.
 */
public final class InstallPages implements OAuthInstallPageRenderer, OAuthRedirectUriPageRenderer {
    /** Why an install did not complete, as the failure page says it. */
    public enum Failure {
        CANCELLED("Nothing was installed", "The installation was cancelled in Slack, so nothing was installed."),
        EXPIRED_OR_USED("This install link can't be used",
                "This install link has expired or was already used: each link works once, for 10 minutes, in the "
                        + "browser that started it. Nothing was installed."),
        SLACK_REFUSED("Slack didn't complete the installation",
                "Slack refused the app's request to finish the installation, so nothing was installed. If it "
                        + "happens again, tell whoever runs Framework Advisor."),
        OUR_SIDE("The installation didn't complete",
                "Something went wrong on our side, so nothing was installed. If it happens again, tell whoever "
                        + "runs Framework Advisor.");

        private final String title;
        private final String explanation;

        Failure(String title, String explanation) {
            this.title = title;
            this.explanation = explanation;
        }
    }

    private final String installPath;
    private final String command;

    /**
     * @param installPath where an install starts ({@code /slack/install}), linked from the failure pages
     * @param command     the app's slash command ({@code ADVISOR_COMMAND}), as the pages tell people to type it
     */
    public InstallPages(String installPath, String command) {
        this.installPath = installPath;
        this.command = command;
    }

    @Override
    public String render(String authorizeUrl) {
        return page("Add Framework Advisor to Slack", "<p>Framework Advisor helps a team decide between Django and "
                + "Flask: <code>" + escape(command) + "</code> asks a few questions about the project, and the bot "
                + "posts its "
                + "recommendation in the channel, with the reasons and the articles they come from.</p>"
                + "<p><a class=\"button\" href=\"" + escape(authorizeUrl) + "\">Add to Slack</a></p>"
                + "<p class=\"small\">It asks to post messages and DMs, and to add the <code>" + escape(command)
                + "</code> command. What it stores, and for how long: <a href=\"/privacy\">privacy</a>.</p>");
    }

    @Override
    public String renderSuccessPage(Installer installer, String completionUrl) {
        String team = installer == null || installer.getTeamId() == null ? null : installer.getTeamId();
        String open = team == null ? "https://app.slack.com/client" : "https://app.slack.com/client/" + team;
        return page("Framework Advisor is installed", "<p>Next, in Slack:</p><ol>"
                + "<li>Invite the bot to a channel: <code>/invite @Framework Advisor</code> (public channels work "
                + "without it).</li><li>Try <code>" + escape(command) + " help</code>, then <code>" + escape(command)
                + " My project</code>.</li></ol><p><a class=\"button\" href=\"" + escape(open)
                + "\">Open Slack</a></p>");
    }

    @Override
    public String renderFailurePage(String installPath, String reason) {
        return failure(Failure.OUR_SIDE);
    }

    /** The page for an install that did not complete, with a link to start again. */
    public String failure(Failure failure) {
        return page(failure.title, "<p>" + escape(failure.explanation) + "</p><p><a class=\"button\" href=\""
                + escape(installPath) + "\">Start the installation again</a></p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;"
                + "line-height:1.5;color:#1d1c1d}.button{display:inline-block;padding:.6rem 1.2rem;"
                + "background:#4a154b;color:#fff;border-radius:6px;text-decoration:none;font-weight:600}"
                + ".small{font-size:.9rem;color:#616061}</style></head><body><h1>" + escape(title) + "</h1>" + body
                + "</body></html>";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
