package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.payload.DecisionButtonValue;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.slack.payload.UnreadablePayloadException;
import com.frameworkadvisor.slack.render.ModalRenderer;
import com.frameworkadvisor.slack.render.Notices;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.AnswerSet;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.ThreadKey;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The Re-answer button: opens the modal pre-filled with the answers of the message it sits on. */
public final class ReanswerAction implements BlockActionHandler {
    private static final Logger log = LoggerFactory.getLogger(ReanswerAction.class);
    private static final Duration STORE_BUDGET = Duration.ofMillis(800);

    private final ModalRenderer modals;
    private final WebApi api;
    private final Executor executor;
    private final ObjectMapper json;
    private final DecisionStore store;
    public ReanswerAction(ModalRenderer modals, WebApi api, Executor executor, ObjectMapper json, DecisionStore store) {
        this.modals = modals;
        this.api = api;
        this.executor = executor;
        this.json = json;
        this.store = store;
    }

    @Override
    public Response apply(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String user = payload.getUser() == null ? null : payload.getUser().getId();
        String messageTs = payload.getMessage() == null ? null : payload.getMessage().getTs();
        BlockActionPayload.Action action = SlackPayloadParts.action(payload, SlackIds.REANSWER).orElse(null);
        if (!SlackPayloadParts.isChannelId(channel) || !SlackPayloadParts.isUserId(user)
                || !SlackPayloadParts.isMessageTs(messageTs) || action == null || payload.getTriggerId() == null) {
            log.warn("reanswer_rejected reason=\"missing channel, user, message or trigger\"");
            return ctx.ack();
        }
        WebApi api = this.api.in(SlackPayloadParts.workspace(ctx.getTeamId()));
        ModalMetadata target;
        DecisionButtonValue value;
        try {
            value = DecisionButtonValue.parse(json, action.getValue());
            // The button sits on the headline; in a decision started inside a thread, that headline is a reply.
            String threadTs = payload.getMessage().getThreadTs() != null ? payload.getMessage().getThreadTs()
                    : messageTs;
            target = ModalMetadata.revision(channel, threadTs, messageTs, value.askedBy(), value.answers());
        } catch (UnreadablePayloadException e) {
            log.warn("reanswer_rejected reason=\"{}\"", e.getMessage());
            api.tellAfterAck(channel, user, Notices.BUTTON_UNREADABLE);
            return ctx.ack();
        }
        String workspace = SlackPayloadParts.workspace(payload.getTeam() == null ? null : payload.getTeam().getId());
        Map<String, String> prefill = ownLatestAnswers(new ThreadKey(workspace, channel, messageTs), user)
                .orElse(value.answers());
        // Slack: the trigger id expires 3 seconds after the click, so the modal opens before the ack.
        try {
            api.openView(payload.getTriggerId(),
                    modals.render(value.project(), prefill, target.toJson(json), true));
        } catch (SlackCallException e) {
            log.warn("modal_not_opened action=reanswer channel={} error={}", channel, e.error());
            api.tellAfterAck(channel, user, AskCommand.whyNoModal(e, "press Re-answer again"));
        }
        return ctx.ack();
    }

    /**
     * The person's own latest answers in this thread, if they answered before. The lookup gets a small share of
     * Slack's 3-second trigger window; a slow or absent database falls back to the button's answers.
     */
    private Optional<Map<String, String>> ownLatestAnswers(ThreadKey thread, String user) {
        CompletableFuture<Optional<Map<String, String>>> lookup = null;
        try {
            // Inside the try: an executor that refuses the lookup (busy, stopping) falls back like a slow one.
            lookup = CompletableFuture.supplyAsync(() -> store.findDecision(thread)
                    .flatMap(decision -> store.latestAnswers(decision.id(), user))
                    .map(AnswerSet::answers), executor);
            return lookup.get(STORE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            if (lookup != null) {
                lookup.cancel(false);
            }
            log.warn("prefill_from_button reason=\"{}\"", e instanceof TimeoutException ? "database slow"
                    : "database unavailable");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
