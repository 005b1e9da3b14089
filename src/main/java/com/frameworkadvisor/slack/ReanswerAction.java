package com.frameworkadvisor.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** The Re-answer button: opens the modal pre-filled with the answers of the message it sits on. */
final class ReanswerAction implements BlockActionHandler {
    private static final Logger log = LoggerFactory.getLogger(ReanswerAction.class);

    private final ModalRenderer modals;
    private final SlackApi api;
    private final Executor executor;
    private final ObjectMapper json;

    ReanswerAction(ModalRenderer modals, SlackApi api, Executor executor, ObjectMapper json) {
        this.modals = modals;
        this.api = api;
        this.executor = executor;
        this.json = json;
    }

    @Override
    public Response apply(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String user = payload.getUser() == null ? null : payload.getUser().getId();
        String messageTs = payload.getMessage() == null ? null : payload.getMessage().getTs();
        BlockActionPayload.Action action = payload.getActions() == null ? null : payload.getActions().stream()
                .filter(a -> SlackIds.REANSWER.equals(a.getActionId())).findFirst().orElse(null);
        if (!Mrkdwn.isChannelId(channel) || !Mrkdwn.isUserId(user) || messageTs == null || action == null
                || payload.getTriggerId() == null) {
            log.warn("reanswer_rejected reason=\"missing channel, user, message or trigger\"");
            return ctx.ack();
        }
        ModalMetadata target;
        ReanswerValue value;
        try {
            value = ReanswerValue.parse(json, action.getValue());
            target = new ModalMetadata(channel, Optional.of(messageTs), Optional.of(value.askedBy()),
                    value.answers());
            target = ModalMetadata.parse(json, target.toJson(json));
        } catch (UnreadablePayloadException e) {
            log.warn("reanswer_rejected reason=\"{}\"", e.getMessage());
            tell(channel, user, "This Re-answer button can't be read any more. Run the command again to start a "
                    + "new decision.");
            return ctx.ack();
        }
        // Slack: the trigger id expires 3 seconds after the click, so the modal opens before the ack.
        try {
            api.openView(payload.getTriggerId(),
                    modals.render(value.project(), value.answers(), target.toJson(json), true));
        } catch (SlackCallException e) {
            log.warn("modal_not_opened action=reanswer channel={} error={}", channel, e.error());
            tell(channel, user, AskCommand.whyNoModal(e, "press Re-answer again"));
        }
        return ctx.ack();
    }

    /** An ephemeral note, sent after the ack so it never delays it. */
    private void tell(String channel, String user, String text) {
        try {
            executor.execute(() -> {
                try {
                    api.postEphemeral(channel, user, text);
                } catch (SlackCallException e) {
                    log.info("ephemeral_failed channel={} error={}", channel, e.error());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("ephemeral_dropped reason=busy channel={}", channel);
        }
    }
}
