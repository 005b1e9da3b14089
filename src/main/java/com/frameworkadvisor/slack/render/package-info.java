/**
 * Pure rendering: Block Kit JSON and mrkdwn for the modal, the parent message, the thread replies, the decision
 * record, the Home tab and every note a person reads. No I/O (a test enforces it): a renderer takes values and
 * returns {@link com.frameworkadvisor.slack.render.SlackMessage}s and views.
 */
package com.frameworkadvisor.slack.render;
