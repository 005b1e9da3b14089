/**
 * Bolt listeners, one class per interaction: the slash command, the modal submission (and its own fast reader), the
 * Re-answer, Record and Reopen buttons, the message shortcut, the Home tab. Each parses, calls the decision module
 * or the store, renders, and acks within Slack's 3 seconds; slow work goes to {@code delivery}.
 */
package com.frameworkadvisor.slack.listen;
