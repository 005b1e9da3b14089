package com.frameworkadvisor.slack.render;

import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.store.AnswerSet;
import com.frameworkadvisor.store.DecisionHistory;

import java.util.List;

/** Renders a channel's (or a person's) recent decisions as a short mrkdwn list with links to the threads. */
public final class HistoryRenderer {
    private final QuestionBank bank;
    private final Scorer scorer;
    public HistoryRenderer(QuestionBank bank, Scorer scorer) {
        this.bank = bank;
        this.scorer = scorer;
    }

    /** {@code /framework history}: the channel's last decisions, or how to start the first. */
    public String channel(List<DecisionHistory> recent, String teamDomain, String command) {
        if (recent.isEmpty()) {
            return "No decisions in this channel yet. Start one with `" + command + " [project name]`.";
        }
        return "*The last " + (recent.size() == 1 ? "decision" : recent.size() + " decisions") + " in this channel*\n"
                + lines(recent, teamDomain);
    }

    /** One line per decision: project, result, how many answered, date, link to the thread. */
    public String lines(List<DecisionHistory> history, String teamDomain) {
        StringBuilder text = new StringBuilder();
        for (DecisionHistory entry : history) {
            TeamTally tally = TeamTally.of(bank, scorer, entry.latest().stream().map(AnswerSet::answers).toList());
            String project = entry.decision().project().map(Mrkdwn::escape).orElse("_(no project name)_");
            String result = entry.latest().isEmpty() ? "no answers stored"
                    : "*" + tally.recommendation().displayName() + "*" + (tally.isTeam()
                    ? " (" + tally.people() + " answered; combined answers " + tally.combined().scores().text() + ")"
                    : " (1 answered)");
            text.append("• ").append(project).append(" — ").append(result).append(" — ")
                    .append(ParentRenderer.DATE.format(entry.decision().createdAt())).append(" — ")
                    .append(Mrkdwn.link(threadUrl(teamDomain, entry.decision().thread().channel(),
                            entry.decision().thread().threadTs()), "open thread"))
                    .append('\n');
        }
        return text.toString();
    }

    /** A permalink to a decision's headline message, built from ids only. */
    public static String threadUrl(String teamDomain, String channel, String ts) {
        return threadUrl(teamDomain, channel, ts, ts);
    }

    /** A permalink to a headline that may be a reply in {@code threadTs} (Slack's links to replies say so). */
    public static String threadUrl(String teamDomain, String channel, String ts, String threadTs) {
        String host = teamDomain != null && teamDomain.matches("[a-z0-9-]{1,64}") ? teamDomain + ".slack.com"
                : "app.slack.com";
        return "https://" + host + "/archives/" + channel + "/p" + ts.replace(".", "")
                + (threadTs.equals(ts) ? "" : "?thread_ts=" + threadTs + "&cid=" + channel);
    }
}
