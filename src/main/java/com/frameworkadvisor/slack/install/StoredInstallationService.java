package com.frameworkadvisor.slack.install;

import com.frameworkadvisor.store.Installation;
import com.frameworkadvisor.store.JdbcInstallations;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Bolt's {@link InstallationService} on the app's database: Bolt's OAuth flow saves an installation here, and
 * Bolt's authorization finds each request's bot here (through {@link InstalledBots}: cached, renewed). One record
 * per workspace, the latest install; the app asks for no user scopes, so it keeps no user token.
 */
public final class StoredInstallationService implements InstallationService {
    private static final Logger log = LoggerFactory.getLogger(StoredInstallationService.class);

    private final JdbcInstallations installations;
    private final InstalledBots bots;

    public StoredInstallationService(JdbcInstallations installations, InstalledBots bots) {
        this.installations = installations;
        this.bots = bots;
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        // One record per workspace: the latest install.
    }

    @Override
    public void saveInstallerAndBot(Installer installer) {
        Installation installation = new Installation(text(installer.getEnterpriseId()),
                text(installer.getTeamId()), Boolean.TRUE.equals(installer.getIsEnterpriseInstall()),
                installer instanceof DefaultInstaller d ? text(d.getEnterpriseName()) : Optional.empty(),
                text(installer.getEnterpriseUrl()),
                installer instanceof DefaultInstaller d ? text(d.getTeamName()) : Optional.empty(),
                text(installer.getAppId()), text(installer.getBotId()), text(installer.getBotUserId()),
                text(installer.getBotScope()), installer.getBotAccessToken(), text(installer.getBotRefreshToken()),
                Optional.ofNullable(installer.getBotTokenExpiresAt()).map(Instant::ofEpochMilli),
                text(installer.getInstallerUserId()), installedAt(installer.getInstalledAt()));
        installations.save(installation);
        forget(installation);
        log.info("app_installed install={} team=\"{}\" by={}", installation.key(),
                installation.teamName().orElse("-"), installation.installerUserId().orElse("-"));
    }

    @Override
    public void saveBot(Bot bot) {
        // Bolt renews a token itself only when the one it was given is about to expire; InstalledBots renews it
        // before handing it out, so this keeps Bolt's renewal, should it ever happen.
        Optional<Installation> current = installations.find(text(bot.getEnterpriseId()), text(bot.getTeamId()));
        current.ifPresent(i -> {
            installations.save(i.withBotToken(bot.getBotAccessToken(), text(bot.getBotRefreshToken()),
                    Optional.ofNullable(bot.getBotTokenExpiresAt()).map(Instant::ofEpochMilli)));
            forget(i);
        });
    }

    @Override
    public void deleteBot(Bot bot) {
        deleteAll(bot.getEnterpriseId(), bot.getTeamId());
    }

    @Override
    public void deleteInstaller(Installer installer) {
        // No user token is kept: nothing to delete.
        log.info("installer_token_revoked team={} user={}", installer.getTeamId(), installer.getInstallerUserId());
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return bots.installation(text(enterpriseId), teamId).map(StoredInstallationService::bot).orElse(null);
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return bots.installation(text(enterpriseId), teamId)
                .filter(i -> userId == null || i.installerUserId().equals(Optional.of(userId)))
                .map(StoredInstallationService::installer).orElse(null);
    }

    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        int deleted = installations.delete(text(enterpriseId), text(teamId));
        if (teamId == null) {
            bots.forgetAll();
        } else {
            bots.forget(teamId);
        }
        log.info("installation_deleted enterprise={} team={} rows={}", enterpriseId, teamId, deleted);
    }

    @Override
    public String getInstallationGuideText(String enterpriseId, String teamId, String userId) {
        return "Framework Advisor isn't installed in this workspace yet. Ask a workspace admin to add it from the "
                + "app's install page (/slack/install on the address where it runs), then try again.";
    }

    private void forget(Installation installation) {
        if (installation.enterpriseInstall()) {
            bots.forgetAll();
        } else {
            installation.teamId().ifPresent(bots::forget);
        }
    }

    private static Bot bot(Installation i) {
        DefaultBot bot = new DefaultBot();
        bot.setEnterpriseId(i.enterpriseId().orElse(null));
        bot.setEnterpriseName(i.enterpriseName().orElse(null));
        bot.setEnterpriseUrl(i.enterpriseUrl().orElse(null));
        bot.setTeamId(i.teamId().orElse(null));
        bot.setTeamName(i.teamName().orElse(null));
        bot.setIsEnterpriseInstall(i.enterpriseInstall());
        bot.setAppId(i.appId().orElse(null));
        bot.setBotId(i.botId().orElse(null));
        bot.setBotUserId(i.botUserId().orElse(null));
        bot.setBotScope(i.botScopes().orElse(null));
        bot.setScope(i.botScopes().orElse(null));
        bot.setBotAccessToken(i.botToken());
        bot.setBotRefreshToken(i.botRefreshToken().orElse(null));
        bot.setBotTokenExpiresAt(i.botTokenExpiresAt().map(Instant::toEpochMilli).orElse(null));
        bot.setTokenType("bot");
        bot.setInstalledAt(i.installedAt().toEpochMilli());
        return bot;
    }

    private static Installer installer(Installation i) {
        DefaultInstaller installer = new DefaultInstaller();
        installer.setEnterpriseId(i.enterpriseId().orElse(null));
        installer.setEnterpriseName(i.enterpriseName().orElse(null));
        installer.setEnterpriseUrl(i.enterpriseUrl().orElse(null));
        installer.setTeamId(i.teamId().orElse(null));
        installer.setTeamName(i.teamName().orElse(null));
        installer.setIsEnterpriseInstall(i.enterpriseInstall());
        installer.setAppId(i.appId().orElse(null));
        installer.setBotId(i.botId().orElse(null));
        installer.setBotUserId(i.botUserId().orElse(null));
        installer.setBotScope(i.botScopes().orElse(null));
        installer.setBotAccessToken(i.botToken());
        installer.setBotRefreshToken(i.botRefreshToken().orElse(null));
        installer.setBotTokenExpiresAt(i.botTokenExpiresAt().map(Instant::toEpochMilli).orElse(null));
        installer.setInstallerUserId(i.installerUserId().orElse(null));
        installer.setTokenType("bot");
        installer.setInstalledAt(i.installedAt().toEpochMilli());
        return installer;
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private static Instant installedAt(Long epochMillis) {
        return epochMillis == null ? Instant.now() : Instant.ofEpochMilli(epochMillis);
    }
}
