/**
 * Installing the app in many workspaces (Slack's OAuth v2 flow, hosted by Bolt): each workspace's bot token, kept
 * encrypted in the database, cached and renewed ({@link com.frameworkadvisor.slack.install.InstalledBots}); Bolt's
 * installation and state services on the app's database; and what an uninstall removes.
 */
package com.frameworkadvisor.slack.install;
