-- Installations of the app in many workspaces (Slack's OAuth v2 install), and the install flow's states.
-- Portable SQL: runs on the embedded H2 database and on PostgreSQL. Token columns hold AES-GCM ciphertext only.

CREATE TABLE slack_installation (
    -- T:<team id>, or E:<enterprise id> for an org-wide install
    install_key             VARCHAR(80)   PRIMARY KEY,
    enterprise_id           VARCHAR(32),
    team_id                 VARCHAR(32),
    is_enterprise_install   BOOLEAN       NOT NULL,
    enterprise_name         VARCHAR(200),
    enterprise_url          VARCHAR(200),
    team_name               VARCHAR(200),
    app_id                  VARCHAR(32),
    bot_id                  VARCHAR(32),
    bot_user_id             VARCHAR(32),
    bot_scopes              VARCHAR(1000),
    bot_token               VARCHAR(1024) NOT NULL,
    bot_refresh_token       VARCHAR(1024),
    bot_token_expires_at    TIMESTAMP WITH TIME ZONE,
    installer_user_id       VARCHAR(32),
    installed_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX slack_installation_by_team ON slack_installation (team_id);
CREATE INDEX slack_installation_by_enterprise ON slack_installation (enterprise_id);

-- An install started in a browser: the state's SHA-256, until it is used once or expires.
CREATE TABLE slack_oauth_state (
    state_hash  CHAR(64)                 PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX slack_oauth_state_by_expiry ON slack_oauth_state (expires_at);
