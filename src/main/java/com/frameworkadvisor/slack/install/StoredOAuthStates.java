package com.frameworkadvisor.slack.install;

import com.frameworkadvisor.store.JdbcOAuthStates;
import com.slack.api.bolt.service.OAuthStateService;

import java.time.Duration;

/**
 * Bolt's {@link OAuthStateService} on the app's database. Bolt sets the state in a cookie when the install starts
 * and checks that the callback's state matches the browser's cookie; here the state must also have been issued,
 * be at most {@link #LIFETIME} old, and not used before: checking it uses it up, so a state completes one install
 * even when the code exchange fails or two callbacks race.
 */
public final class StoredOAuthStates implements OAuthStateService {
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final JdbcOAuthStates states;

    public StoredOAuthStates(JdbcOAuthStates states) {
        this.states = states;
    }

    @Override
    public long getExpirationInSeconds() {
        return LIFETIME.toSeconds();
    }

    @Override
    public void addNewStateToDatastore(String state) {
        states.add(state, LIFETIME);
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        return states.consume(state);
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        // Used up already when it was checked.
    }
}
