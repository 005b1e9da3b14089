package com.frameworkadvisor.slack.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Source;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.store.DecisionHistory;

import java.util.List;

/**
 * Renders the App Home tab: what the bot does and where its advice comes from, the person's recent decisions, and
 * a button that starts a new one.
 */
public final class HomeRenderer {
    private final QuestionBank bank;
    private final HistoryRenderer history;
    private final String command;

    public HomeRenderer(QuestionBank bank, HistoryRenderer history, String command) {
        this.bank = bank;
        this.history = history;
        this.command = command;
    }

    /**
     * The Home view.
     *
     * @param recent the person's recent decisions
     * @param storeDown true when they could not be read (the view then says so)
     * @param dm the person's DM channel with the bot, where a new decision started here is posted, if known
     */
    public ObjectNode view(List<DecisionHistory> recent, boolean storeDown, String dm) {
        ObjectNode view = BlockKit.object().put("type", "home");
        ArrayNode blocks = view.putArray("blocks");
        blocks.add(BlockKit.header("Django or Flask? Decide it as a team."));
        blocks.add(BlockKit.section("Type `" + command + " [project name]` in a channel, answer a few questions, and "
                + "I post a recommendation there, with the reasons in its thread. Teammates press *Re-answer* to add "
                + "their answers: the parent shows the team's result and where you disagree. *Record decision* "
                + "closes it with a decision record for your repository."));
        StringBuilder sources = new StringBuilder("*Where the advice comes from*: every rule cites one of these "
                + "articles.");
        for (Source source : bank.sources()) {
            sources.append("\n• ").append(Mrkdwn.link(source.url().orElse(null), source.name())).append(" · ")
                    .append(Mrkdwn.escape(source.publisher()));
        }
        blocks.add(BlockKit.section(sources.toString()));
        blocks.add(BlockKit.actions(SlackIds.HOME_ACTIONS, BlockKit.button(SlackIds.HOME_NEW_DECISION,
                "Start a new decision", dm == null ? "" : dm).put("style", "primary")));
        blocks.add(BlockKit.divider());
        if (storeDown) {
            blocks.add(BlockKit.section("*Your recent decisions*\nI can't read them right now (my database is "
                    + "unavailable). Open this tab again in a few minutes."));
        } else if (recent.isEmpty()) {
            blocks.add(BlockKit.section("*Your recent decisions*\nNone yet. Start one with the button above or `"
                    + command + "` in a channel."));
        } else {
            blocks.add(BlockKit.section("*Your recent decisions*\n" + history.lines(recent, null)));
        }
        return view;
    }
}
