package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.slack.render.ModalRenderer;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.handler.builtin.MessageShortcutHandler;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The "Decide Django vs Flask" message shortcut: the same questions, with the result posted into the thread of
 * the message it was used on (the message's own thread when it is a reply), so a discussion already under way
 * gets the answer in place.
 */
public final class DecideHereShortcut implements MessageShortcutHandler {
    private static final Logger log = LoggerFactory.getLogger(DecideHereShortcut.class);

    private final ModalRenderer modals;
    private final WebApi api;
    private final ObjectMapper json;
    public DecideHereShortcut(ModalRenderer modals, WebApi api, ObjectMapper json) {
        this.modals = modals;
        this.api = api;
        this.json = json;
    }

    @Override
    public Response apply(MessageShortcutRequest request, MessageShortcutContext ctx) {
        MessageShortcutPayload payload = request.getPayload();
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String messageTs = payload.getMessage() != null && payload.getMessage().getTs() != null
                ? payload.getMessage().getTs() : payload.getMessageTs();
        String threadTs = payload.getMessage() != null && payload.getMessage().getThreadTs() != null
                ? payload.getMessage().getThreadTs() : messageTs;
        if (!SlackPayloadParts.isChannelId(channel) || !SlackPayloadParts.isMessageTs(threadTs)
                || payload.getTriggerId() == null) {
            log.warn("shortcut_rejected reason=\"missing channel, message or trigger\"");
            return ctx.ack();
        }
        WebApi api = this.api.in(SlackPayloadParts.workspace(ctx.getTeamId()));
        // Slack: the trigger id expires 3 seconds after the click, so the modal opens before the ack.
        try {
            api.openView(payload.getTriggerId(), modals.render(Optional.empty(), Map.of(),
                    ModalMetadata.newDecisionInThread(channel, threadTs).toJson(json), false));
        } catch (SlackCallException e) {
            log.warn("modal_not_opened shortcut={} channel={} error={}", SlackIds.DECIDE_HERE_SHORTCUT, channel,
                    e.error());
            String user = payload.getUser() == null ? null : payload.getUser().getId();
            if (SlackPayloadParts.isUserId(user)) {
                api.tellAfterAck(channel, user, AskCommand.whyNoModal(e, "use the shortcut again"));
            }
        }
        return ctx.ack();
    }
}
