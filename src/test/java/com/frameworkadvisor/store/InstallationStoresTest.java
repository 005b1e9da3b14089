package com.frameworkadvisor.store;

import com.frameworkadvisor.support.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Installations and install states on a real database (H2, and PostgreSQL when {@code TEST_DATABASE_URL} is set):
 * tokens encrypted and bound to their row, org-wide installs found for their workspaces, states used once and
 * expiring.
 */
class InstallationStoresTest {
    private static final String DATABASES = "com.frameworkadvisor.support.TestDatabase#all";
    static final byte[] KEY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    static Installation workspace(String team, String token) {
        return new Installation(Optional.empty(), Optional.of(team), false, Optional.empty(), Optional.empty(),
                Optional.of("Team " + team), Optional.of("A0TEST"), Optional.of("B" + team),
                Optional.of("UBOT" + team), Optional.of("commands"), token, Optional.empty(), Optional.empty(),
                Optional.of("U0INSTALLER"), NOW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void a_token_is_stored_encrypted_and_read_back_and_a_reinstall_replaces_it(TestDatabase database)
            throws Exception {
        String team = TestDatabase.workspaceId();
        try (Database db = Database.open(DatabaseUrl.parse(Optional.of(database.newUrl())))) {
            JdbcInstallations installations = new JdbcInstallations(db, new TokenCipher(KEY), Clock.systemUTC());
            installations.save(workspace(team, "xoxb-first-token"));
            installations.save(workspace(team, "xoxb-second-token"));

            assertEquals("xoxb-second-token", installations.find(Optional.empty(), Optional.of(team))
                    .orElseThrow().botToken());
            try (var c = db.connection(); var select = c.prepareStatement("SELECT bot_token FROM slack_installation "
                    + "WHERE team_id = ?")) {
                select.setString(1, team);
                var row = select.executeQuery();
                row.next();
                String stored = row.getString(1);
                assertTrue(stored.startsWith("v1:"), stored);
                assertFalse(stored.contains("second"), "no plaintext in the column");
                assertFalse(row.next(), "one row per workspace");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void an_org_wide_install_serves_each_workspace_of_its_organisation(TestDatabase database) {
        String enterprise = "E" + TestDatabase.workspaceId().substring(1);
        try (Database db = Database.open(DatabaseUrl.parse(Optional.of(database.newUrl())))) {
            JdbcInstallations installations = new JdbcInstallations(db, new TokenCipher(KEY), Clock.systemUTC());
            installations.save(new Installation(Optional.of(enterprise), Optional.empty(), true, Optional.of("Org"),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), "xoxb-org-token", Optional.empty(), Optional.empty(), Optional.empty(), NOW));

            assertEquals("xoxb-org-token", installations.find(Optional.of(enterprise), Optional.of("T0ANYTEAM"))
                    .orElseThrow().botToken());
            assertEquals(Optional.empty(), installations.find(Optional.empty(), Optional.of("T0ANYTEAM")));
            assertEquals(1, installations.delete(Optional.of(enterprise), Optional.empty()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void an_install_state_works_once_and_not_after_it_expires(TestDatabase database) {
        try (Database db = Database.open(DatabaseUrl.parse(Optional.of(database.newUrl())))) {
            JdbcOAuthStates issued = new JdbcOAuthStates(db, Clock.fixed(NOW, ZoneOffset.UTC));
            JdbcOAuthStates elevenMinutesLater = new JdbcOAuthStates(db,
                    Clock.fixed(NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));
            issued.add("state-used", Duration.ofMinutes(10));
            issued.add("state-late", Duration.ofMinutes(10));

            assertTrue(issued.consume("state-used"));
            assertFalse(issued.consume("state-used"), "used up");
            assertFalse(elevenMinutesLater.consume("state-late"), "expired");
            assertFalse(issued.consume("never-issued"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(DATABASES)
    void a_token_copied_to_another_row_or_read_with_another_key_does_not_decrypt(TestDatabase database) {
        TokenCipher cipher = new TokenCipher(KEY);
        String sealed = cipher.encrypt("xoxb-secret", "slack_installation|T:T0A|bot_token");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertEquals("xoxb-secret", cipher.decrypt(sealed, "slack_installation|T:T0A|bot_token"));
        assertNotEquals(sealed, cipher.encrypt("xoxb-secret", "slack_installation|T:T0A|bot_token"),
                "a fresh nonce each time");
        StoreUnavailableException moved = assertThrows(StoreUnavailableException.class,
                () -> cipher.decrypt(sealed, "slack_installation|T:T0B|bot_token"));
        assertThrows(StoreUnavailableException.class, () -> new TokenCipher(otherKey).decrypt(sealed,
                "slack_installation|T:T0A|bot_token"));
        assertFalse(moved.getMessage().contains("xoxb"), moved.getMessage());
    }
}
