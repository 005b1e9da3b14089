package com.frameworkadvisor.slack.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.slack.webapi.BotTokens;
import com.frameworkadvisor.slack.webapi.SlackCallException;
import com.frameworkadvisor.slack.webapi.WebApi;
import com.frameworkadvisor.store.Installation;
import com.frameworkadvisor.store.JdbcInstallations;
import com.frameworkadvisor.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each workspace's bot token, from its installation: read from the database once a minute at most (a request does
 * not cost a database read), and renewed before it expires when Slack's token rotation is on. Renewal happens under
 * the installation's row lock, so instances never spend one refresh token twice.
 */
public final class InstalledBots implements BotTokens {
    private static final Logger log = LoggerFactory.getLogger(InstalledBots.class);
    /** How long a token read from the database is used without reading it again. */
    static final Duration CACHED_FOR = Duration.ofSeconds(60);
    /** A rotating token is renewed when it has less than this left (Bolt's own margin). */
    static final Duration RENEW_BEFORE = Duration.ofHours(2);

    private record Cached(Installation installation, Instant readAt) {
    }

    private final JdbcInstallations installations;
    private final WebApi appCalls;
    private final Settings.Distribution app;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** @param appCalls the Web API, for the calls the app makes as itself (renewing a token) */
    public InstalledBots(JdbcInstallations installations, WebApi appCalls, Settings.Distribution app, Clock clock) {
        this.installations = installations;
        this.appCalls = appCalls;
        this.app = app;
        this.clock = clock;
    }

    @Override
    public String botToken(String workspace) throws SlackCallException {
        try {
            return installation(Optional.empty(), workspace)
                    .orElseThrow(() -> SlackCallException.notInstalled("auth", workspace)).botToken();
        } catch (StoreUnavailableException e) {
            log.warn("bot_token_unavailable workspace={} problem=\"{}\"", workspace, e.getMessage());
            throw SlackCallException.unavailable("auth", "the workspace's installation could not be read");
        }
    }

    /**
     * The installation serving a workspace (or its organisation), with a token that is not about to expire.
     *
     * @throws StoreUnavailableException when the database cannot be read
     */
    public Optional<Installation> installation(Optional<String> enterpriseId, String workspace) {
        Instant now = clock.instant();
        Cached cached = workspace == null ? null : cache.get(workspace);
        if (cached != null && cached.readAt().plus(CACHED_FOR).isAfter(now) && lastsTheCache(cached.installation(),
                now)) {
            return Optional.of(cached.installation());
        }
        Optional<Installation> found = installations.find(enterpriseId, Optional.ofNullable(workspace));
        if (found.isPresent() && expiring(found.get(), now)) {
            found = installations.renew(found.get().key(), this::renewed);
        }
        if (workspace != null) {
            found.ifPresentOrElse(i -> cache.put(workspace, new Cached(i, now)), () -> cache.remove(workspace));
        }
        return found;
    }

    /**
     * Whether a cached token still works for as long as it may stay cached. One that is only due for renewal is
     * used from the cache too, so that a renewal Slack refuses is tried again once a cache period, not on every call.
     */
    private static boolean lastsTheCache(Installation installation, Instant now) {
        return installation.botTokenExpiresAt().map(at -> at.isAfter(now.plus(CACHED_FOR))).orElse(true);
    }

    private boolean expiring(Installation installation, Instant now) {
        return installation.botRefreshToken().isPresent() && installation.botTokenExpiresAt()
                .map(at -> at.isBefore(now.plus(RENEW_BEFORE))).orElse(true);
    }

    /** Under the row lock: renews the token unless another instance has just done so. */
    private Optional<Installation> renewed(Installation current) {
        Instant now = clock.instant();
        if (!expiring(current, now)) {
            return Optional.empty();
        }
        try {
            JsonNode answer = appCalls.refreshToken(app.clientId(), app.clientSecret(),
                    current.botRefreshToken().orElseThrow());
            String token = answer.path("access_token").asText(null);
            String refresh = answer.path("refresh_token").asText(null);
            long expiresIn = answer.path("expires_in").asLong(0);
            if (token == null || refresh == null || expiresIn <= 0) {
                log.warn("token_not_renewed install={} problem=\"incomplete answer\"", current.key());
                return Optional.empty();
            }
            log.info("token_renewed install={} expires_in_s={}", current.key(), expiresIn);
            return Optional.of(current.withBotToken(token, Optional.of(refresh),
                    Optional.of(now.plusSeconds(expiresIn))));
        } catch (SlackCallException e) {
            if (e.kind() == SlackCallException.Kind.CONFIGURATION) {
                log.error("token_not_renewed install={} error={} remedy=\"Slack refused the refresh token: install "
                        + "the app in that workspace again ({})\"", current.key(), e.error(),
                        OAuthInstall.INSTALL_PATH);
            } else {
                // The current token still works until it expires; it is tried again once the cache period passes.
                log.warn("token_not_renewed install={} error={}", current.key(), e.error());
            }
            return Optional.empty();
        }
    }

    @Override
    public boolean refused(String workspace) {
        forget(workspace);
        return true;
    }

    /** Drops the workspace's token kept in memory (its installation changed or went). */
    public void forget(String workspace) {
        if (workspace != null) {
            cache.remove(workspace);
        }
    }

    /** Drops every token kept in memory (an organisation's installation changed or went). */
    public void forgetAll() {
        cache.clear();
    }
}
