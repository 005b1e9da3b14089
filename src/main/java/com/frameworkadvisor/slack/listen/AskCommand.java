package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.slack.render.HistoryRenderer;
import com.frameworkadvisor.slack.render.ModalRenderer;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.DecisionHistory;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /framework [project name]} opens the decision modal; {@code /framework help} explains the app. */
public final class AskCommand implements SlashCommandHandler {
    private static final Logger log = LoggerFactory.getLogger(AskCommand.class);
    static final int HISTORY_SIZE = 10;

    private final String command;
    private final ModalRenderer modals;
    private final WebApi api;
    private final ObjectMapper json;
    private final HistoryRenderer history;
    private final DecisionStore store;
    public AskCommand(String command, ModalRenderer modals, WebApi api, ObjectMapper json, HistoryRenderer history,
               DecisionStore store) {
        this.command = command;
        this.modals = modals;
        this.api = api;
        this.json = json;
        this.history = history;
        this.store = store;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload payload = request.getPayload();
        String text = payload.getText() == null ? "" : payload.getText().strip();
        if (text.equalsIgnoreCase("help")) {
            return ctx.ack(usage());
        }
        if (text.equalsIgnoreCase("history")) {
            return ctx.ack(history(payload));
        }
        if (!SlackPayloadParts.isChannelId(payload.getChannelId()) || payload.getTriggerId() == null) {
            return ctx.ack("I couldn't tell where this command came from. Please run `" + command + "` again.");
        }
        String metadata = ModalMetadata.newDecision(payload.getChannelId()).toJson(json);
        // Slack: a trigger id expires 3 seconds after the command, so the modal opens before the ack.
        try {
            api.openView(payload.getTriggerId(),
                    modals.render(Optional.of(text).filter(t -> !t.isEmpty()), Map.of(), metadata, false));
            return ctx.ack();
        } catch (SlackCallException e) {
            log.warn("modal_not_opened command={} channel={} error={}", command, payload.getChannelId(), e.error());
            return ctx.ack(whyNoModal(e, "run `" + command + "` again"));
        }
    }

    /** The channel's last decisions, for {@code /framework history}. */
    private String history(SlashCommandPayload payload) {
        if (!SlackPayloadParts.isTeamId(payload.getTeamId())
                || !SlackPayloadParts.isChannelId(payload.getChannelId())) {
            return "I couldn't tell which channel this is. Please run `" + command + " history` again.";
        }
        try {
            List<DecisionHistory> recent = store.recentInChannel(payload.getTeamId(), payload.getChannelId(),
                    HISTORY_SIZE);
            if (recent.isEmpty()) {
                return "No decisions in this channel yet. Start one with `" + command + " [project name]`.";
            }
            return "*The last " + (recent.size() == 1 ? "decision" : recent.size() + " decisions")
                    + " in this channel*\n" + history.lines(recent, payload.getTeamDomain());
        } catch (StoreUnavailableException e) {
            log.warn("history_unavailable problem=\"{}\"", e.getMessage());
            return "I can't read the decision history right now (my database is unavailable). Please try again in "
                    + "a few minutes; deciding with `" + command + "` still works.";
        }
    }

    /** The ephemeral answer when the modal could not be opened, naming what to do next. */
    static String whyNoModal(SlackCallException e, String retry) {
        return switch (e.kind()) {
            case TRIGGER -> "Slack took too long to open the questions (its 3-second window expired). Please "
                    + retry + ".";
            case CONFIGURATION -> "I'm not set up correctly in this workspace (Slack said `" + e.error()
                    + "`). Please ask whoever installed Framework Advisor to check its token and reinstall it.";
            default -> "Slack didn't open the questions this time (" + e.error() + "). Please " + retry
                    + " in a moment.";
        };
    }

    String usage() {
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
}
