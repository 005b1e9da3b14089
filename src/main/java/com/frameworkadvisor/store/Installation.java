package com.frameworkadvisor.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The app installed in one workspace (or, org-wide, in an Enterprise Grid organisation): its bot and the bot's
 * token. Tokens are plaintext here; {@link JdbcInstallations} encrypts them at rest.
 *
 * @param botRefreshToken with token rotation on, what renews the token before {@code botTokenExpiresAt}
 * @param installerUserId who installed it
 */
public record Installation(Optional<String> enterpriseId, Optional<String> teamId, boolean enterpriseInstall,
                           Optional<String> enterpriseName, Optional<String> enterpriseUrl, Optional<String> teamName,
                           Optional<String> appId, Optional<String> botId, Optional<String> botUserId,
                           Optional<String> botScopes, String botToken, Optional<String> botRefreshToken,
                           Optional<Instant> botTokenExpiresAt, Optional<String> installerUserId,
                           Instant installedAt) {
    public Installation {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(installedAt, "installedAt");
        if (enterpriseInstall ? enterpriseId.isEmpty() : teamId.isEmpty()) {
            throw new IllegalArgumentException("an installation names its workspace, or its organisation when "
                    + "installed org-wide");
        }
        if (botRefreshToken.isPresent() && botTokenExpiresAt.isEmpty()) {
            throw new IllegalArgumentException("a rotating token needs its expiry");
        }
    }

    /** The key it is stored under: the workspace, or the organisation for an org-wide install. */
    public String key() {
        return key(enterpriseInstall ? enterpriseId : Optional.empty(), enterpriseInstall ? Optional.empty() : teamId);
    }

    static String key(Optional<String> enterpriseId, Optional<String> teamId) {
        return teamId.map(t -> "T:" + t).orElseGet(() -> "E:" + enterpriseId.orElseThrow());
    }

    /** The same installation with a renewed bot token. */
    public Installation withBotToken(String token, Optional<String> refreshToken, Optional<Instant> expiresAt) {
        return new Installation(enterpriseId, teamId, enterpriseInstall, enterpriseName, enterpriseUrl, teamName,
                appId, botId, botUserId, botScopes, token, refreshToken, expiresAt, installerUserId, installedAt);
    }

    /** Redacted: no token. */
    @Override
    public String toString() {
        return "Installation[" + key() + ", team=" + teamName.orElse("-") + ", bot=" + botUserId.orElse("-")
                + ", rotating=" + botRefreshToken.isPresent() + "]";
    }
}
