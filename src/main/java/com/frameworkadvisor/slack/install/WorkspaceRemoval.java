package com.frameworkadvisor.slack.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.slack.delivery.DeliveryWorker;
import com.frameworkadvisor.slack.delivery.Outcome;
import com.frameworkadvisor.slack.delivery.Progress;
import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.slack.payload.UnreadablePayloadException;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.DeliveryStore;
import com.frameworkadvisor.store.PendingDelivery;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * What an uninstall removes, and when. {@code app_uninstalled}: the workspace's installation and token (when the app
 * is installed through OAuth), every
 * decision and answer stored for it, and its pending deliveries. {@code tokens_revoked} naming the bot: the
 * installation and its token (the decisions stay until the app is uninstalled). Both are acked at once and the work
 * is done after, from the outbox, so it is done even if the app stops right after the ack; a redelivered event is
 * handled once (the listeners are registered through {@code OnceEvents}).
 */
public final class WorkspaceRemoval {
    private static final Logger log = LoggerFactory.getLogger(WorkspaceRemoval.class);
    static final String UNINSTALL = "uninstall";
    static final String TOKENS_REVOKED = "tokens_revoked";

    private final Optional<StoredInstallationService> installations;
    private final DecisionStore decisions;
    private final DeliveryStore deliveries;
    private final DeliveryWorker worker;
    private final ObjectMapper json;

    /** @param installations the app's installations; empty for a single-workspace app (its token is set by hand) */
    public WorkspaceRemoval(Optional<StoredInstallationService> installations, DecisionStore decisions,
                            DeliveryStore deliveries, DeliveryWorker worker, ObjectMapper json) {
        this.installations = installations;
        this.decisions = decisions;
        this.deliveries = deliveries;
        this.worker = worker;
        this.json = json;
        worker.handle(UNINSTALL, this::uninstall);
        worker.handle(TOKENS_REVOKED, this::revoke);
    }

    /** {@code app_uninstalled}: acked now, the data removed after. */
    public Response uninstalled(EventsApiPayload<AppUninstalledEvent> payload, EventContext ctx) {
        accept(UNINSTALL, payload.getEnterpriseId(), payload.getTeamId());
        return ctx.ack();
    }

    /** {@code tokens_revoked}: acked now; when the bot's token is among them, the installation goes after. */
    public Response tokensRevoked(EventsApiPayload<TokensRevokedEvent> payload, EventContext ctx) {
        TokensRevokedEvent.Tokens tokens = payload.getEvent() == null ? null : payload.getEvent().getTokens();
        List<String> bots = tokens == null || tokens.getBot() == null ? List.of() : tokens.getBot();
        if (!bots.isEmpty()) {
            accept(TOKENS_REVOKED, payload.getEnterpriseId(), payload.getTeamId());
        } else {
            log.info("user_tokens_revoked team={} (none is kept)", payload.getTeamId());
        }
        return ctx.ack();
    }

    private void accept(String kind, String enterpriseId, String teamId) {
        if (!SlackPayloadParts.isTeamId(teamId) && !SlackPayloadParts.isTeamId(enterpriseId)) {
            log.warn("removal_ignored kind={} reason=\"no team or enterprise id\"", kind);
            return;
        }
        var payload = json.createObjectNode();
        if (enterpriseId != null) {
            payload.put("enterprise_id", enterpriseId);
        }
        if (teamId != null) {
            payload.put("team_id", teamId);
        }
        worker.accept(kind, teamId != null ? teamId : enterpriseId, payload.toString());
    }

    private Outcome uninstall(PendingDelivery delivery, Progress progress) {
        Target target = target(delivery);
        installations.ifPresent(i -> i.deleteAll(target.enterpriseId().orElse(null), target.teamId().orElse(null)));
        int removed = 0;
        if (target.teamId().isPresent()) {
            String workspace = target.teamId().get();
            removed += decisions.deleteWorkspace(workspace);
            removed += deliveries.deleteWorkspace(workspace, delivery.id());
        }
        log.info("app_uninstalled enterprise={} team={} rows_deleted={}", target.enterpriseId().orElse("-"),
                target.teamId().orElse("-"), removed);
        return Outcome.DELIVERED;
    }

    private Outcome revoke(PendingDelivery delivery, Progress progress) {
        Target target = target(delivery);
        if (installations.isEmpty()) {
            log.error("bot_token_revoked team={}: Slack revoked SLACK_BOT_TOKEN; reinstall the app to the workspace "
                    + "and set the new token (README.md, Set-up)", target.teamId().orElse("-"));
            return Outcome.DELIVERED;
        }
        installations.get().deleteAll(target.enterpriseId().orElse(null), target.teamId().orElse(null));
        log.info("bot_token_revoked enterprise={} team={}", target.enterpriseId().orElse("-"),
                target.teamId().orElse("-"));
        return Outcome.DELIVERED;
    }

    private record Target(Optional<String> enterpriseId, Optional<String> teamId) {
    }

    private Target target(PendingDelivery delivery) {
        JsonNode node = UnreadablePayloadException.readObject(json, delivery.payload(), "removal");
        return new Target(Optional.ofNullable(node.path("enterprise_id").asText(null)),
                Optional.ofNullable(node.path("team_id").asText(null)));
    }
}
