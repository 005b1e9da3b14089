package com.frameworkadvisor.slack.delivery;

import com.frameworkadvisor.decision.QuestionBank;
import com.frameworkadvisor.decision.Recommendation;
import com.frameworkadvisor.decision.Scorer;
import com.frameworkadvisor.decision.TeamTally;
import com.frameworkadvisor.slack.payload.ModalMetadata;
import com.frameworkadvisor.slack.render.Authors;
import com.frameworkadvisor.slack.render.Notices;
import com.frameworkadvisor.slack.render.ParentRenderer;
import com.frameworkadvisor.slack.render.SlackMessage;
import com.frameworkadvisor.slack.render.ThreadRenderer;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.AnswerSet;
import com.frameworkadvisor.store.DecisionStore;
import com.frameworkadvisor.store.PendingDelivery.PostedMessage;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.frameworkadvisor.store.StoredDecision;
import com.frameworkadvisor.store.TeamChange;
import com.frameworkadvisor.store.ThreadKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Delivers a submitted decision, step by step. A new decision: the parent message (its ts recorded in the
 * {@link Progress} at once, so a resumed delivery never posts it again), its thread reply, then the stored
 * answers. A revision: the stored answers, the reply in the thread, then the updated parent. Storing is keyed by
 * the delivery, and updating the parent can be repeated, so those steps are safe to run twice.
 *
 * <p>Where the bot cannot post, the recommendation goes to the person as a DM, with a note saying why. When Slack
 * cannot be reached, the attempt ends with {@link Outcome.TryAgain} from the step that failed.
 */
public final class DecisionPoster {
    private static final Logger log = LoggerFactory.getLogger(DecisionPoster.class);
    private final WebApi apis;
    private final ParentRenderer parents;
    private final ThreadRenderer threads;
    private final Scorer scorer;
    private final QuestionBank bank;
    private final DecisionStore store;
    private final Clock clock;

    public DecisionPoster(WebApi api, ParentRenderer parents, ThreadRenderer threads, Scorer scorer, QuestionBank bank,
                          DecisionStore store, Clock clock) {
        this.apis = api;
        this.parents = parents;
        this.threads = threads;
        this.scorer = scorer;
        this.bank = bank;
        this.store = store;
        this.clock = clock;
    }

    /** Delivers a submission from the start, keeping its progress in memory. */
    public Outcome deliver(Submission submission) {
        return deliver(submission, Progress.inMemory());
    }

    Outcome deliver(Submission submission, Progress progress) {
        WebApi api = apis.in(submission.workspace());
        Recommendation r = scorer.score(submission.answers());
        ModalMetadata target = submission.target();
        Authors authors = new Authors(submission.project(), target.askedBy().orElse(submission.userId()),
                submission.userId());
        try {
            boolean posted = target.isRevision() ? postRevision(api, submission, r, authors, progress)
                    : postNew(api, submission, r, authors, progress);
            if (posted) {
                log.info("decision_posted channel={} user={} revision={} recommendation={} django={} flask={}",
                        target.channel(), submission.userId(), target.isRevision(), r.framework().id(),
                        r.scores().django(), r.scores().flask());
            }
            return Outcome.DELIVERED;
        } catch (SlackCallException e) {
            if (retryable(e)) {
                log.warn("decision_delivery_delayed channel={} user={} step={} error={}", target.channel(),
                        submission.userId(), progress.stepsDone(), e.error());
                return new Outcome.TryAgain(e.getMessage());
            }
            notDelivered(submission, r, e);
            return new Outcome.Failed(e.getMessage());
        }
    }

    /** @return true when posted where asked; false when sent as a DM instead */
    private boolean postNew(WebApi api, Submission submission, Recommendation r, Authors authors,
                            Progress progress)
            throws SlackCallException {
        String channel = submission.target().channel();
        // In an existing thread (the message shortcut) the headline is the first reply; otherwise it starts one.
        Optional<String> existingThread = submission.target().threadTs();
        Optional<PostedMessage> parent = progress.parent();
        if (parent.isEmpty()) {
            try {
                String ts = api.postMessage(channel, existingThread.orElse(null), parents.parent(r, authors));
                parent = Optional.of(new PostedMessage(channel, ts));
                progress.parentPosted(parent.get());
            } catch (SlackCallException e) {
                if (e.kind() != SlackCallException.Kind.CHANNEL) {
                    throw e;
                }
                sendAsDirectMessage(api, submission, r, authors, progress, e.error());
                return false;
            }
        } else if (!parent.get().channel().equals(channel)) {
            // Resumed after the headline went to the person's DM.
            sendAsDirectMessage(api, submission, r, authors, progress, "resumed");
            return false;
        }
        String parentTs = parent.get().ts();
        if (progress.stepsDone() < Progress.REPLY_POSTED) {
            try {
                api.postMessage(channel, existingThread.orElse(parentTs),
                        threads.explanation(r, scorer.whatWouldChange(r), authors));
            } catch (SlackCallException e) {
                if (retryable(e)) {
                    throw e;
                }
                // The headline is already in the channel; posting it again elsewhere would duplicate it.
                log.warn("explanation_not_posted channel={} thread={} error={}", channel, parentTs, e.error());
            }
            progress.replyPosted();
        }
        try {
            store.startDecision(new ThreadKey(submission.workspace(), channel, parentTs), submission.project(),
                    answerSet(submission.userId(), r), progress.deliveryId());
        } catch (StoreUnavailableException e) {
            // The thread works without the store (the Re-answer button carries its answers); the team tally
            // starts with the next re-answer that reaches the database.
            log.warn("decision_not_stored channel={} thread={} problem=\"{}\"", channel, parentTs, e.getMessage());
            api.tell(channel, submission.userId(), Notices.POSTED_NOT_STORED);
        }
        return true;
    }

    private boolean postRevision(WebApi api, Submission submission, Recommendation r, Authors authors,
                                 Progress progress)
            throws SlackCallException {
        if (progress.parent().isPresent()) {
            // Resumed after the revision went to the person's DM.
            sendAsDirectMessage(api, submission, r, authors, progress, "resumed");
            return false;
        }
        ModalMetadata target = submission.target();
        String threadTs = target.threadTs().orElseThrow();
        String parentTs = target.parentTs().orElseThrow();
        Optional<Recorded> recorded = record(api, submission, authors, r, progress.deliveryId());
        Recommendation previous = scorer.score(bank.answersIgnoringUnknown(target.previous()));
        if (progress.stepsDone() < Progress.REPLY_POSTED) {
            try {
                api.postMessage(target.channel(), threadTs, threads.revision(r, previous, scorer.whatWouldChange(r),
                        authors, recorded.map(rec -> new ThreadRenderer.TeamChangeView(tally(rec.change().before()),
                                tally(rec.change().after())))));
            } catch (SlackCallException e) {
                if (e.kind() != SlackCallException.Kind.CHANNEL) {
                    throw e;
                }
                sendAsDirectMessage(api, submission, r, authors, progress, e.error());
                return false;
            }
            progress.replyPosted();
        }
        if (recorded.isEmpty()) {
            updateParent(api, target.channel(), parentTs, parents.parent(r, authors));
            return true;
        }
        // Under the decision's lock, across instances: each update sees every answer set recorded before it, so
        // the last update shows the whole team and an older tally never overwrites a newer one.
        try {
            // The update's failure is carried out of the lock (a Function cannot throw it) and thrown after.
            SlackCallException failed = store.withLatestLocked(recorded.get().decisionId(), latest -> {
                AnswerSet newest = latest.get(latest.size() - 1);
                Recommendation shown = scorer.score(bank.answersIgnoringUnknown(newest.answers()));
                Authors shownAuthors = new Authors(authors.project(), authors.askedBy(), newest.userId());
                try {
                    updateParent(api, target.channel(), parentTs, parents.parent(shown, shownAuthors,
                            Optional.of(tally(latest))));
                    return null;
                } catch (SlackCallException e) {
                    return e;
                }
            });
            if (failed != null) {
                throw failed;
            }
        } catch (StoreUnavailableException e) {
            log.warn("team_parent_not_updated channel={} thread={} problem=\"{}\"", target.channel(), threadTs,
                    e.getMessage());
            updateParent(api, target.channel(), parentTs, parents.parent(r, authors));
        }
        return true;
    }

    private record Recorded(long decisionId, TeamChange change) {
    }

    /**
     * Stores the answer set in the thread's decision, once per delivery; empty (and the person told) when the
     * database is down.
     */
    private Optional<Recorded> record(WebApi api, Submission submission, Authors authors, Recommendation r,
                                      OptionalLong delivery) {
        ModalMetadata target = submission.target();
        ThreadKey thread = new ThreadKey(submission.workspace(), target.channel(), target.parentTs().orElseThrow());
        try {
            StoredDecision decision = store.openDecision(thread, submission.project(), authors.askedBy(),
                    clock.instant());
            if (!authors.askedBy().equals(submission.userId())
                    && store.latestAnswers(decision.id(), authors.askedBy()).isEmpty()) {
                // The thread predates the store (or it was down): count the answers the button carried as the
                // asker's, so the tally includes the person who started the decision.
                Recommendation asked = scorer.score(bank.answersIgnoringUnknown(target.previous()));
                store.recordAnswers(decision.id(), answerSet(authors.askedBy(), asked), OptionalLong.empty());
            }
            return Optional.of(new Recorded(decision.id(),
                    store.recordAnswers(decision.id(), answerSet(submission.userId(), r), delivery)));
        } catch (StoreUnavailableException e) {
            log.warn("answers_not_stored channel={} thread={} problem=\"{}\"", target.channel(),
                    thread.threadTs(), e.getMessage());
            api.tell(target.channel(), submission.userId(), Notices.ANSWERS_NOT_STORED);
            return Optional.empty();
        }
    }

    /** Updates the parent; only a Slack that cannot be reached is worth another attempt. */
    private void updateParent(WebApi api, String channel, String threadTs, SlackMessage parent)
            throws SlackCallException {
        try {
            api.updateMessage(channel, threadTs, parent);
        } catch (SlackCallException e) {
            if (retryable(e)) {
                throw e;
            }
            log.warn("parent_not_updated channel={} thread={} error={}", channel, threadTs, e.error());
        }
    }

    private static boolean retryable(SlackCallException e) {
        return e.kind() == SlackCallException.Kind.UNAVAILABLE || e.kind() == SlackCallException.Kind.CONFIGURATION;
    }

    private TeamTally tally(List<AnswerSet> latest) {
        return TeamTally.of(bank, scorer, latest.stream().map(AnswerSet::answers).toList());
    }

    private AnswerSet answerSet(String userId, Recommendation r) {
        return new AnswerSet(userId, r.answers().asMap(), r.framework().id(), r.scores().django(),
                r.scores().flask(), clock.instant());
    }

    /**
     * Slack's answer was "you can't post there": tell the person why, and send the recommendation as a DM (its
     * headline, then the reasons in its thread). A resumed delivery whose DM headline is recorded sends the rest.
     */
    private void sendAsDirectMessage(WebApi api, Submission submission, Recommendation r, Authors authors,
                                     Progress progress, String reason) throws SlackCallException {
        String channel = submission.target().channel();
        Optional<PostedMessage> dm = progress.parent();
        if (dm.isEmpty()) {
            String why = Notices.whyNotPosted(channel, reason);
            // Fails where the bot cannot see the conversation at all; the DM below carries the same note.
            api.tell(channel, submission.userId(), why + Notices.SENT_AS_DM);
            String dmChannel = api.openDirectMessage(submission.userId());
            SlackMessage parent = parents.withNote(parents.parent(r, authors), why);
            dm = Optional.of(new PostedMessage(dmChannel, api.postMessage(dmChannel, null, parent)));
            progress.parentPosted(dm.get());
        }
        api.postMessage(dm.get().channel(), dm.get().ts(), threads.explanation(r, scorer.whatWouldChange(r), authors));
        log.info("decision_sent_as_dm channel={} user={} reason={} recommendation={}", channel,
                submission.userId(), reason, r.framework().id());
    }

    /** Slack refused the message for good: log the whole decision once, at error level, so it can be re-sent. */
    private static void notDelivered(Submission submission, Recommendation r, SlackCallException e) {
        log.error("decision_not_delivered channel={} thread={} user={} project=\"{}\" recommendation={} answers={} "
                        + "error={}", submission.target().channel(), submission.target().threadTs().orElse("-"),
                submission.userId(), submission.project().orElse(""), r.framework().id(),
                submission.answers().asMap(), e.getMessage());
    }
}
