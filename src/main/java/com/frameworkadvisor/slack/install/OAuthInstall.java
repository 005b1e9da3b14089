package com.frameworkadvisor.slack.install;

import com.frameworkadvisor.config.Settings;
import com.frameworkadvisor.slack.render.InstallPages;
import com.frameworkadvisor.slack.render.InstallPages.Failure;
import com.frameworkadvisor.store.StoreUnavailableException;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.service.builtin.oauth.OAuthV2AccessErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's OAuth v2 install, hosted by this app: {@code GET /slack/install} (the install page, whose link carries a
 * state also set as a cookie) and {@code GET /slack/oauth_redirect} (the state checked against the cookie and used
 * up, the code exchanged with {@code oauth.v2.access} at {@code SLACK_API_URL}, the installation stored). Every
 * outcome is a page that says what happened and what to do next, never a stack trace.
 */
public final class OAuthInstall {
    private static final Logger log = LoggerFactory.getLogger(OAuthInstall.class);
    public static final String INSTALL_PATH = "/slack/install";
    public static final String REDIRECT_PATH = "/slack/oauth_redirect";
    /** The bot scopes the manifest asks for, and the install requests. */
    public static final String BOT_SCOPES = "commands,chat:write,chat:write.public,im:write";
    private static final String HTML = "text/html; charset=utf-8";

    private OAuthInstall() {
    }

    /** Bolt's configuration for a distributed app: every value set here, none read from the environment by Bolt. */
    public static AppConfig config(Settings settings, Settings.Distribution app, Slack slack) {
        InstallPages pages = new InstallPages(INSTALL_PATH, settings.command());
        return AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(null)
                .signingSecret(settings.signingSecret())
                .verificationToken(null)
                .clientId(app.clientId())
                .clientSecret(app.clientSecret())
                .scope(BOT_SCOPES)
                .userScope(null)
                .redirectUri(app.redirectUri().orElse(null))
                // Both the current and the legacy names: Bolt picks one by comparing them with "start"/"callback".
                .oauthInstallPath(INSTALL_PATH)
                .oauthStartPath(INSTALL_PATH)
                .oauthRedirectUriPath(REDIRECT_PATH)
                .oauthCallbackPath(REDIRECT_PATH)
                .oauthCompletionUrl(null)
                .oauthCancellationUrl(null)
                .stateValidationEnabled(true)
                .oAuthInstallPageRenderingEnabled(true)
                .oAuthInstallPageRenderer(pages)
                .oAuthRedirectUriPageRenderer(pages)
                // One auth.test per token per 10 minutes, not one per request.
                .authTestCacheEnabled(true)
                // The HTTP adapter verifies every request's signature before Bolt sees it.
                .requestVerificationEnabled(false)
                .build();
    }

    /** Turns the install on: Bolt's OAuth routes, the stores they use, and a page for every way it can end. */
    public static void host(App bolt, String command, StoredInstallationService installations,
                            StoredOAuthStates states) {
        InstallPages pages = new InstallPages(INSTALL_PATH, command);
        bolt.asOAuthApp(true);
        bolt.service(installations);
        bolt.service(states);
        bolt.oauthCallbackError((request, response) -> {
            String error = request.getPayload() == null ? null : request.getPayload().getError();
            log.info("install_not_completed reason=\"{}\"", error);
            return page(response, "access_denied".equals(error) ? 200 : 400, pages.failure(
                    "access_denied".equals(error) ? Failure.CANCELLED : Failure.SLACK_REFUSED));
        });
        bolt.oauthCallbackStateError((request, response) -> {
            log.warn("install_refused reason=\"state missing, expired, used or not this browser's\"");
            return page(response, 400, pages.failure(Failure.EXPIRED_OR_USED));
        });
        bolt.oauthCallbackAccessError((OAuthV2AccessErrorHandler) (request, response, answer) -> {
            log.warn("install_refused reason=\"oauth.v2.access failed\" error={}",
                    answer == null ? "none" : answer.getError());
            return page(response, 502, pages.failure(Failure.SLACK_REFUSED));
        });
        bolt.oauthCallbackException((request, response, e) -> {
            log.error("install_failed problem={}", e.getClass().getSimpleName());
            return page(response, 500, pages.failure(Failure.OUR_SIDE));
        });
        bolt.oauthPersistenceErrorCallback(arguments -> {
            Throwable error = arguments.getError();
            // Our store's messages name what failed and never a token; anything else is named by its class only.
            log.error("install_not_stored problem=\"{}\" remedy=\"check DATABASE_URL and TOKEN_ENCRYPTION_KEY, then "
                    + "install again\"", error instanceof StoreUnavailableException ? error.getMessage()
                    : error.getClass().getSimpleName());
            page(arguments.getResponse(), 500, pages.failure(Failure.OUR_SIDE));
        });
    }

    private static Response page(Response response, int status, String html) {
        response.setStatusCode(status);
        response.setContentType(HTML);
        response.setBody(html);
        return response;
    }
}
