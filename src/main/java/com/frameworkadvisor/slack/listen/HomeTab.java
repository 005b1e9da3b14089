package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.slack.render.HomeRenderer;
import com.frameworkadvisor.slack.render.ModalRenderer;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.DecisionHistory;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The App Home tab: what the bot does and where its advice comes from, the person's recent decisions, and a
 * button that starts a new one (posted in the person's DM with the bot).
 */
public final class HomeTab {
    private static final Logger log = LoggerFactory.getLogger(HomeTab.class);
    static final int RECENT = 5;

    private final WebApi api;
    private final ModalRenderer modals;
    private final HomeRenderer home;
    private final DecisionStore store;
    private final Executor executor;
    private final ObjectMapper json;

    public HomeTab(WebApi api, ModalRenderer modals, HomeRenderer home, DecisionStore store, Executor executor,
                   ObjectMapper json) {
        this.api = api;
        this.modals = modals;
        this.home = home;
        this.store = store;
        this.executor = executor;
        this.json = json;
    }

    /** {@code app_home_opened}: ack at once, publish the Home view after. */
    public Response opened(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if (event == null || !"home".equals(event.getTab()) || !SlackPayloadParts.isUserId(event.getUser())) {
            return ctx.ack();
        }
        String workspace = SlackPayloadParts.workspace(payload.getTeamId());
        String dm = SlackPayloadParts.isChannelId(event.getChannel()) ? event.getChannel() : null;
        try {
            executor.execute(() -> publish(workspace, event.getUser(), dm));
        } catch (RejectedExecutionException e) {
            log.warn("home_not_published reason=busy");
        }
        return ctx.ack();
    }

    private void publish(String workspace, String user, String dm) {
        List<DecisionHistory> recent = List.of();
        boolean storeDown = false;
        try {
            recent = store.recentForUser(workspace, user, RECENT);
        } catch (StoreUnavailableException e) {
            storeDown = true;
            log.warn("home_without_history problem=\"{}\"", e.getMessage());
        }
        try {
            api.in(workspace).publishHome(user, home.view(recent, storeDown, dm));
        } catch (SlackCallException e) {
            log.warn("home_not_published error={}", e.error());
        }
    }

    /** "Start a new decision": the questions, with the result posted in the person's DM with the bot. */
    public Response startDecision(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        String user = payload.getUser() == null ? null : payload.getUser().getId();
        String dm = SlackPayloadParts.action(payload, SlackIds.HOME_NEW_DECISION)
                .map(BlockActionPayload.Action::getValue).orElse(null);
        if (!SlackPayloadParts.isUserId(user) || payload.getTriggerId() == null) {
            return ctx.ack();
        }
        WebApi api = this.api.in(SlackPayloadParts.workspace(ctx.getTeamId()));
        String channel = SlackPayloadParts.isChannelId(dm) ? dm : null;
        try {
            if (channel == null) {
                channel = api.openDirectMessageBeforeAck(user);
            }
            api.openView(payload.getTriggerId(), modals.render(Optional.empty(), Map.of(),
                    ModalMetadata.newDecision(channel).toJson(json), false));
        } catch (SlackCallException e) {
            log.warn("modal_not_opened action={} error={}", SlackIds.HOME_NEW_DECISION, e.error());
            if (channel != null) {
                api.tellAfterAck(channel, user, AskCommand.whyNoModal(e, "press Start a new decision again"));
            }
        }
        return ctx.ack();
    }
}
