package com.frameworkadvisor.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Where decision threads and their answer sets are kept. Every method may throw
 * {@link StoreUnavailableException}; the app keeps no state of its own, so instances sharing one database
 * behave as one.
 */
public interface DecisionStore {
    /** The decision of this thread, created now if it does not exist yet (safe to call from many instances). */
    StoredDecision openDecision(ThreadKey thread, Optional<String> project, String createdBy, Instant at);

    /**
     * Stores a new decision thread and its first answer set together, in one transaction: what a new
     * recommendation needs. When the thread has a decision already, the answers are added to it.
     *
     * @param delivery the delivery storing it: when that delivery stored its answers already (it is being resumed),
     *                 nothing is stored again
     * @return the decision's id
     */
    long startDecision(ThreadKey thread, Optional<String> project, AnswerSet first, OptionalLong delivery);

    default long startDecision(ThreadKey thread, Optional<String> project, AnswerSet first) {
        return startDecision(thread, project, first, OptionalLong.empty());
    }

    Optional<StoredDecision> findDecision(ThreadKey thread);

    /**
     * Stores one person's answer set and returns everyone's latest answer sets before and after it.
     *
     * @param delivery the delivery storing it: when that delivery stored its answers already (it is being resumed),
     *                 they are not stored again, and the change is the one they made then
     */
    TeamChange recordAnswers(long decisionId, AnswerSet answers, OptionalLong delivery);

    default TeamChange recordAnswers(long decisionId, AnswerSet answers) {
        return recordAnswers(decisionId, answers, OptionalLong.empty());
    }

    /** Everyone's latest answer set in this decision, oldest first (the last one is the newest). */
    List<AnswerSet> latest(long decisionId);

    /** The person's latest answer set in this decision, if they answered. */
    Optional<AnswerSet> latestAnswers(long decisionId, String userId);

    /**
     * Runs {@code work} on everyone's latest answer sets while holding the decision's lock, so that work such
     * as updating the parent message happens one at a time per decision, across instances, each seeing every
     * answer set recorded before it: the last update always shows the whole team.
     */
    <T> T withLatestLocked(long decisionId, Function<List<AnswerSet>, T> work);

    /** The channel's most recent decisions, newest first. */
    List<DecisionHistory> recentInChannel(String workspace, String channel, int limit);

    /** The decisions a person started or answered, newest first. */
    List<DecisionHistory> recentForUser(String workspace, String userId, int limit);

    /** Deletes every decision of a workspace and every answer given in it (the app was uninstalled there). */
    int deleteWorkspace(String workspace);
}
