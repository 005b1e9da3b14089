/**
 * Delivery after the ack: posting a recommendation and its thread reply, updating the parent, storing the answers,
 * and the fallbacks (an ephemeral note and a DM) when Slack will not take a post where it was asked.
 */
package com.frameworkadvisor.slack.delivery;
