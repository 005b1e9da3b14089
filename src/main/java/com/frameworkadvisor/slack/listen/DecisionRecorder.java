package com.frameworkadvisor.slack.listen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.slack.payload.DecisionButtonValue;
import com.frameworkadvisor.slack.payload.SlackIds;
import com.frameworkadvisor.slack.payload.SlackPayloadParts;
import com.frameworkadvisor.slack.payload.UnreadablePayloadException;
import com.frameworkadvisor.slack.render.Authors;
import com.frameworkadvisor.slack.render.DecisionRecordRenderer;
import com.frameworkadvisor.slack.render.HistoryRenderer;
import com.frameworkadvisor.slack.render.Notices;
import com.frameworkadvisor.slack.render.ParentRenderer;
import com.frameworkadvisor.slack.render.SlackMessage;
import com.frameworkadvisor.slack.render.ThreadRenderer;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.AnswerSet;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.frameworkadvisor.store.ThreadKey;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * "Record decision" closes a discussion: a decision record (ADR) in the thread, and the parent marked as decided
 * without the Re-answer button. "Reopen" (only for the person who recorded it) puts the buttons back.
 */
public final class DecisionRecorder {
    private static final Logger log = LoggerFactory.getLogger(DecisionRecorder.class);

    private final WebApi api;
    private final ParentRenderer parents;
    private final ThreadRenderer threads;
    private final DecisionRecordRenderer records;
    private final Scorer scorer;
    private final QuestionBank bank;
    private final DecisionStore store;
    private final Executor executor;
    private final ObjectMapper json;
    private final Clock clock;

    public DecisionRecorder(WebApi api, ParentRenderer parents, ThreadRenderer threads, DecisionRecordRenderer records,
                            Scorer scorer, QuestionBank bank, DecisionStore store, Executor executor, ObjectMapper json,
                            Clock clock) {
        this.api = api;
        this.parents = parents;
        this.threads = threads;
        this.records = records;
        this.scorer = scorer;
        this.bank = bank;
        this.store = store;
        this.executor = executor;
        this.json = json;
        this.clock = clock;
    }

    /** A button press on a parent message, with everything read from its payload. */
    private record Press(String workspace, String teamDomain, String channel, String parentTs, String threadTs,
                         String user, String value) {
    }

    public Response record(BlockActionRequest request, ActionContext ctx) {
        press(request.getPayload(), SlackIds.RECORD_DECISION).ifPresent(press -> later(press, () -> {
            DecisionButtonValue value = DecisionButtonValue.parse(json, press.value());
            State state = state(press, value);
            var recorded = new ParentRenderer.Recorded(press.user(), clock.instant());
            var facts = new DecisionRecordRenderer.Facts(state.supporting(), state.team(), value.project(),
                    state.people(), press.user(), recorded.at(), HistoryRenderer.threadUrl(press.teamDomain(),
                    press.channel(), press.parentTs(), press.threadTs()));
            SlackMessage parent = parents.parent(state.newest(), state.authors(), state.team(),
                    Optional.of(recorded));
            WebApi api = this.api.in(press.workspace());
            api.postMessage(press.channel(), press.threadTs(), records.message(facts, parent.metadata()));
            api.updateMessage(press.channel(), press.parentTs(), parent);
            log.info("decision_recorded channel={} thread={} by={} recommendation={}", press.channel(),
                    press.parentTs(), press.user(), state.team().filter(TeamTally::isTeam)
                            .map(t -> t.recommendation().id()).orElse(state.newest().framework().id()));
        }));
        return ctx.ack();
    }

    public Response reopen(BlockActionRequest request, ActionContext ctx) {
        press(request.getPayload(), SlackIds.REOPEN_DECISION).ifPresent(press -> later(press, () -> {
            DecisionButtonValue value = DecisionButtonValue.parse(json, press.value());
            String recordedBy = value.recordedBy().orElseThrow(() ->
                    new UnreadablePayloadException("the Reopen button has no recorded_by"));
            if (!press.user().equals(recordedBy)) {
                tell(press, Notices.onlyRecorderReopens(recordedBy));
                return;
            }
            State state = state(press, value);
            WebApi api = this.api.in(press.workspace());
            api.updateMessage(press.channel(), press.parentTs(),
                    parents.parent(state.newest(), state.authors(), state.team(), Optional.empty()));
            api.postMessage(press.channel(), press.threadTs(), threads.reopened(press.user()));
            log.info("decision_reopened channel={} thread={} by={}", press.channel(), press.parentTs(),
                    press.user());
        }));
        return ctx.ack();
    }

    /** What the thread holds now: everyone's latest answers from the store, or the button's when it has none. */
    private record State(Recommendation newest, Recommendation supporting, Authors authors,
                         Optional<TeamTally> team, List<String> people) {
    }

    private State state(Press press, DecisionButtonValue value) {
        List<AnswerSet> latest = List.of();
        try {
            latest = store.findDecision(new ThreadKey(press.workspace(), press.channel(), press.parentTs()))
                    .map(decision -> store.latest(decision.id()))
                    .orElse(List.of());
        } catch (StoreUnavailableException e) {
            log.warn("record_without_store channel={} problem=\"{}\"", press.channel(), e.getMessage());
        }
        Map<String, String> newestAnswers = latest.isEmpty() ? value.answers()
                : latest.get(latest.size() - 1).answers();
        String newestBy = latest.isEmpty() ? value.askedBy() : latest.get(latest.size() - 1).userId();
        Recommendation newest = scorer.score(bank.answersIgnoringUnknown(newestAnswers));
        List<String> people = new ArrayList<>();
        people.add(value.askedBy());
        latest.forEach(set -> {
            if (!people.contains(set.userId())) {
                people.add(set.userId());
            }
        });
        Optional<TeamTally> team = latest.size() > 1
                ? Optional.of(TeamTally.of(bank, scorer, latest.stream().map(AnswerSet::answers).toList()))
                : Optional.empty();
        // The record's reasons argue for what the team decided: its combined answers.
        Recommendation supporting = team.map(TeamTally::combined).orElse(newest);
        return new State(newest, supporting, new Authors(value.project(), value.askedBy(), newestBy), team,
                people);
    }

    private Optional<Press> press(BlockActionPayload payload, String actionId) {
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String user = payload.getUser() == null ? null : payload.getUser().getId();
        String parentTs = payload.getMessage() == null ? null : payload.getMessage().getTs();
        BlockActionPayload.Action action = SlackPayloadParts.action(payload, actionId).orElse(null);
        if (!SlackPayloadParts.isChannelId(channel) || !SlackPayloadParts.isUserId(user)
                || !SlackPayloadParts.isMessageTs(parentTs) || action == null) {
            log.warn("button_rejected action={} reason=\"missing channel, user, message or value\"", actionId);
            return Optional.empty();
        }
        String threadTs = SlackPayloadParts.isMessageTs(payload.getMessage().getThreadTs())
                ? payload.getMessage().getThreadTs() : parentTs;
        String workspace = SlackPayloadParts.workspace(payload.getTeam() == null ? null : payload.getTeam().getId());
        String domain = payload.getTeam() == null ? null : payload.getTeam().getDomain();
        return Optional.of(new Press(workspace, domain, channel, parentTs, threadTs, user, action.getValue()));
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SlackCallException;
    }

    /** After the ack: the work, with a polite note to the presser if the button or Slack fails. */
    private void later(Press press, Work work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (UnreadablePayloadException e) {
                    log.warn("button_rejected channel={} reason=\"{}\"", press.channel(), e.getMessage());
                    tell(press, Notices.BUTTON_UNREADABLE);
                } catch (SlackCallException e) {
                    log.warn("record_failed channel={} error={}", press.channel(), e.error());
                    tell(press, Notices.recordFailed(e.error()));
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("button_dropped reason=busy channel={}", press.channel());
        }
    }

    private void tell(Press press, String text) {
        api.in(press.workspace()).tell(press.channel(), press.user(), text);
    }
}
