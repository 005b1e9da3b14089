package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.slack.render.HistoryRenderer;
import com.frameworkadvisor.slack.render.ModalRenderer;
import com.frameworkadvisor.slack.render.Notices;
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
            return ctx.ack(Notices.usage(command));
        }
        if (text.equalsIgnoreCase("history")) {
            return ctx.ack(history(payload));
        }
        if (!SlackPayloadParts.isChannelId(payload.getChannelId()) || payload.getTriggerId() == null) {
            return ctx.ack(Notices.unknownOrigin(command));
        }
        String metadata = ModalMetadata.newDecision(payload.getChannelId()).toJson(json);
        // Slack: a trigger id expires 3 seconds after the command, so the modal opens before the ack.
        try {
            api.in(SlackPayloadParts.workspace(payload.getTeamId())).openView(payload.getTriggerId(),
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
            return Notices.unknownChannel(command);
        }
        try {
            List<DecisionHistory> recent = store.recentInChannel(payload.getTeamId(), payload.getChannelId(),
                    Notices.HISTORY_SIZE);
            return history.channel(recent, payload.getTeamDomain(), command);
        } catch (StoreUnavailableException e) {
            log.warn("history_unavailable problem=\"{}\"", e.getMessage());
            return Notices.historyUnavailable(command);
        }
    }

    /** The ephemeral answer when the modal could not be opened, naming what to do next. */
    static String whyNoModal(SlackCallException e, String retry) {
        return Notices.whyNoModal(switch (e.kind()) {
            case TRIGGER -> Notices.NoModal.TRIGGER_EXPIRED;
            case CONFIGURATION -> Notices.NoModal.MISCONFIGURED;
            default -> Notices.NoModal.OTHER;
        }, e.error(), retry);
    }
}
