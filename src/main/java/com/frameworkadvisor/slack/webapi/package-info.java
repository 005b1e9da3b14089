/**
 * The only code that talks HTTP to Slack (a test enforces it): {@link com.frameworkadvisor.slack.webapi.WebApi},
 * the calls the app makes with their retries (Retry-After, back-off, deadlines), over {@link
 * com.frameworkadvisor.slack.webapi.WebApiTransport} on the one OkHttp client of {@link
 * com.frameworkadvisor.slack.webapi.SlackConnection}; and how Slack's errors are classified.
 */
package com.frameworkadvisor.slack.webapi;
