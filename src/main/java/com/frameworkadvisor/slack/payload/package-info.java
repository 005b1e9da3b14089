/**
 * The values the app exchanges with Slack: its ids ({@link com.frameworkadvisor.slack.payload.SlackIds}, in one
 * place), what it stores in a modal's {@code private_metadata} and a button's {@code value}, and the form a
 * submission carries, each checked when read back.
 */
package com.frameworkadvisor.slack.payload;
