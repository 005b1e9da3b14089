package com.frameworkadvisor.slack.delivery;

import com.frameworkadvisor.decision.Answers;
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
import com.frameworkadvisor.store.StoreUnavailableException;
import com.frameworkadvisor.store.StoredDecision;
import com.frameworkadvisor.store.TeamChange;
import com.frameworkadvisor.store.ThreadKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers a submitted decision after the ack. Every submission ends in exactly one of: posted where asked;
 * the fallback (an ephemeral note in the conversation and the whole recommendation as a DM); or, when Slack
 * stays unreachable past the retry deadline, an error log line carrying the decision so it can be re-sent.
 */
public final class DecisionPoster {
    private static final Logger log = LoggerFactory.getLogger(DecisionPoster.class);

    /** A validated submission: the workspace, where it goes, who sent it, and the answers. */
    public record Submission(String workspace, ModalMetadata target, String userId, Optional<String> project,
                      Answers answers) {
        public Submission {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(answers, "answers");
        }
    }

    private final WebApi api;
    private final ParentRenderer parents;
    private final ThreadRenderer threads;
    private final Scorer scorer;
    private final QuestionBank bank;
    private final DecisionStore store;
    private final Clock clock;

    public DecisionPoster(WebApi api, ParentRenderer parents, ThreadRenderer threads, Scorer scorer, QuestionBank bank,
                          DecisionStore store, Clock clock) {
        this.api = api;
        this.parents = parents;
        this.threads = threads;
        this.scorer = scorer;
        this.bank = bank;
        this.store = store;
        this.clock = clock;
    }

    public void deliver(Submission submission) {
        try {
            deliverOrThrow(submission);
        } catch (RuntimeException e) {
            // A bug must not make an accepted submission vanish: log it with the decision, so it can be re-sent.
            log.error("decision_not_delivered channel={} user={} answers={} error=unexpected",
                    submission.target().channel(), submission.userId(), submission.answers().asMap(), e);
        }
    }

    private void deliverOrThrow(Submission submission) {
        Recommendation r = scorer.score(submission.answers());
        ModalMetadata target = submission.target();
        Authors authors = new Authors(submission.project(), target.askedBy().orElse(submission.userId()),
                submission.userId());
        try {
            if (target.isRevision()) {
                postRevision(submission, r, authors);
            } else {
                postNew(submission, r, authors);
            }
            log.info("decision_posted channel={} user={} revision={} recommendation={} django={} flask={}",
                    target.channel(), submission.userId(), target.isRevision(), r.framework().id(),
                    r.scores().django(), r.scores().flask());
        } catch (SlackCallException e) {
            if (e.kind() == SlackCallException.Kind.CHANNEL) {
                fallBack(submission, r, authors, e);
            } else {
                lost(submission, r, e);
            }
        }
    }

    private void postNew(Submission submission, Recommendation r, Authors authors) throws SlackCallException {
        String channel = submission.target().channel();
        // In an existing thread (the message shortcut) the headline is the first reply; otherwise it starts one.
        Optional<String> existingThread = submission.target().threadTs();
        String parentTs = api.postMessage(channel, existingThread.orElse(null), parents.parent(r, authors));
        try {
            api.postMessage(channel, existingThread.orElse(parentTs),
                    threads.explanation(r, scorer.whatWouldChange(r), authors));
        } catch (SlackCallException e) {
            // The headline is already in the channel; posting it again elsewhere would duplicate it.
            log.warn("explanation_not_posted channel={} thread={} error={}", channel, parentTs, e.error());
        }
        try {
            store.startDecision(new ThreadKey(submission.workspace(), channel, parentTs), submission.project(),
                    answerSet(submission.userId(), r));
        } catch (StoreUnavailableException e) {
            // The thread works without the store (the Re-answer button carries its answers); the team tally
            // starts with the next re-answer that reaches the database.
            log.warn("decision_not_stored channel={} thread={} problem=\"{}\"", channel, parentTs, e.getMessage());
            api.tell(channel, submission.userId(), Notices.POSTED_NOT_STORED);
        }
    }

    private void postRevision(Submission submission, Recommendation r, Authors authors) throws SlackCallException {
        ModalMetadata target = submission.target();
        String threadTs = target.threadTs().orElseThrow();
        String parentTs = target.parentTs().orElseThrow();
        Recommendation previous = scorer.score(bank.answersIgnoringUnknown(target.previous()));
        Optional<Recorded> recorded = record(submission, authors, r);
        api.postMessage(target.channel(), threadTs, threads.revision(r, previous, scorer.whatWouldChange(r),
                authors, recorded.map(rec -> new ThreadRenderer.TeamChangeView(tally(rec.change().before()),
                        tally(rec.change().after())))));
        if (recorded.isEmpty()) {
            updateParent(target.channel(), parentTs, parents.parent(r, authors));
            return;
        }
        // Under the decision's lock, across instances: each update sees every answer set recorded before it, so
        // the last update shows the whole team and an older tally never overwrites a newer one.
        try {
            store.withLatestLocked(recorded.get().decisionId(), latest -> {
                AnswerSet newest = latest.get(latest.size() - 1);
                Recommendation shown = scorer.score(bank.answersIgnoringUnknown(newest.answers()));
                Authors shownAuthors = new Authors(authors.project(), authors.askedBy(), newest.userId());
                updateParent(target.channel(), parentTs, parents.parent(shown, shownAuthors,
                        Optional.of(tally(latest))));
                return null;
            });
        } catch (StoreUnavailableException e) {
            log.warn("team_parent_not_updated channel={} thread={} problem=\"{}\"", target.channel(), threadTs,
                    e.getMessage());
            updateParent(target.channel(), parentTs, parents.parent(r, authors));
        }
    }

    private record Recorded(long decisionId, TeamChange change) {
    }

    /** Stores the answer set in the thread's decision; empty (and the user told) when the database is down. */
    private Optional<Recorded> record(Submission submission, Authors authors, Recommendation r) {
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
                store.recordAnswers(decision.id(), answerSet(authors.askedBy(), asked));
            }
            return Optional.of(new Recorded(decision.id(),
                    store.recordAnswers(decision.id(), answerSet(submission.userId(), r))));
        } catch (StoreUnavailableException e) {
            log.warn("answers_not_stored channel={} thread={} problem=\"{}\"", target.channel(),
                    thread.threadTs(), e.getMessage());
            api.tell(target.channel(), submission.userId(), Notices.ANSWERS_NOT_STORED);
            return Optional.empty();
        }
    }

    private void updateParent(String channel, String threadTs, SlackMessage parent) {
        try {
            api.updateMessage(channel, threadTs, parent);
        } catch (SlackCallException e) {
            log.warn("parent_not_updated channel={} thread={} error={}", channel, threadTs, e.error());
        }
    }

    private TeamTally tally(List<AnswerSet> latest) {
        return TeamTally.of(bank, scorer, latest.stream().map(AnswerSet::answers).toList());
    }

    private AnswerSet answerSet(String userId, Recommendation r) {
        return new AnswerSet(userId, r.answers().asMap(), r.framework().id(), r.scores().django(),
                r.scores().flask(), clock.instant());
    }

    /** Slack's answer was "you can't post there": tell the user why, and send the recommendation as a DM. */
    private void fallBack(Submission submission, Recommendation r, Authors authors, SlackCallException cause) {
        String channel = submission.target().channel();
        String why = Notices.whyNotPosted(channel, cause.error());
        // Fails where the bot cannot see the conversation at all; the DM below carries the same note.
        api.tell(channel, submission.userId(), why + Notices.SENT_AS_DM);
        try {
            String dm = api.openDirectMessage(submission.userId());
            SlackMessage parent = parents.withNote(parents.parent(r, authors), why);
            String parentTs = api.postMessage(dm, null, parent);
            api.postMessage(dm, parentTs, threads.explanation(r, scorer.whatWouldChange(r), authors));
            log.info("decision_sent_as_dm channel={} user={} reason={} recommendation={}", channel,
                    submission.userId(), cause.error(), r.framework().id());
        } catch (SlackCallException e) {
            lost(submission, r, e);
        }
    }

    /**
     * Slack stayed down, or did not answer a post in time: log the whole decision once, at error level, so an
     * operator can re-send it (after a {@value SlackCallException#NO_ANSWER}, only if it is missing in Slack).
     */
    private static void lost(Submission submission, Recommendation r, SlackCallException e) {
        log.error("{} channel={} thread={} user={} project=\"{}\" recommendation={} answers={} error={}",
                SlackCallException.NO_ANSWER.equals(e.error()) ? "decision_delivery_uncertain"
                        : "decision_not_delivered", submission.target().channel(),
                submission.target().threadTs().orElse("-"),
                submission.userId(), submission.project().orElse(""), r.framework().id(),
                submission.answers().asMap(), e.getMessage());
    }
}
