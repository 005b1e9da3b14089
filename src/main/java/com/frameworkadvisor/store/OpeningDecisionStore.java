package com.frameworkadvisor.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A {@link JdbcDecisionStore} that opens (connects and migrates) in the background, so the app can take Slack's
 * requests while the database starts: a third of the cold start was spent there before the first ack. Until it
 * is open, each call waits for it a little; past that, or when opening failed, the call fails as a database
 * that is down does, and every caller already copes with that.
 */
public final class OpeningDecisionStore implements DecisionStore, AutoCloseable {
    /** How long one call waits for the database to finish opening. */
    static final Duration WAIT = Duration.ofSeconds(2);

    private final CompletableFuture<JdbcDecisionStore> opening;

    private OpeningDecisionStore(CompletableFuture<JdbcDecisionStore> opening) {
        this.opening = opening;
    }

    /** Starts opening the database at {@code url} on {@code executor}. */
    public static OpeningDecisionStore open(DatabaseUrl url, Executor executor) {
        return new OpeningDecisionStore(CompletableFuture.supplyAsync(() -> JdbcDecisionStore.open(url), executor));
    }

    /**
     * Waits until the database is open.
     *
     * @throws StoreUnavailableException naming why, when it could not be opened
     */
    public void awaitOpen() {
        try {
            opening.get();
        } catch (ExecutionException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while the database was opening", e);
        }
    }

    private JdbcDecisionStore store() {
        try {
            return opening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("The database is still opening", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while the database was opening", e);
        }
    }

    private static StoreUnavailableException unavailable(ExecutionException e) {
        return e.getCause() instanceof StoreUnavailableException cause ? cause
                : new StoreUnavailableException("Could not open the database: " + e.getCause(), e.getCause());
    }

    @Override
    public StoredDecision openDecision(ThreadKey thread, Optional<String> project, String createdBy, Instant at) {
        return store().openDecision(thread, project, createdBy, at);
    }

    @Override
    public long startDecision(ThreadKey thread, Optional<String> project, AnswerSet first) {
        return store().startDecision(thread, project, first);
    }

    @Override
    public Optional<StoredDecision> findDecision(ThreadKey thread) {
        return store().findDecision(thread);
    }

    @Override
    public TeamChange recordAnswers(long decisionId, AnswerSet answers) {
        return store().recordAnswers(decisionId, answers);
    }

    @Override
    public List<AnswerSet> latest(long decisionId) {
        return store().latest(decisionId);
    }

    @Override
    public Optional<AnswerSet> latestAnswers(long decisionId, String userId) {
        return store().latestAnswers(decisionId, userId);
    }

    @Override
    public <T> T withLatestLocked(long decisionId, Function<List<AnswerSet>, T> work) {
        return store().withLatestLocked(decisionId, work);
    }

    @Override
    public List<DecisionHistory> recentInChannel(String workspace, String channel, int limit) {
        return store().recentInChannel(workspace, channel, limit);
    }

    @Override
    public List<DecisionHistory> recentForUser(String workspace, String userId, int limit) {
        return store().recentForUser(workspace, userId, limit);
    }

    /** Closes the database once it is open; one that failed to open has nothing to close. */
    @Override
    public void close() {
        opening.thenAccept(JdbcDecisionStore::close);
    }
}
