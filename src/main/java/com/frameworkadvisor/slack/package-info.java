/**
 * The Slack side: {@link com.frameworkadvisor.slack.AdvisorApp} wires Bolt's {@code App}, the listeners, the Web
 * API client and delivery, and connects Socket Mode; {@link com.frameworkadvisor.slack.RequestRouter} turns a signed
 * HTTP request into Bolt's answer. The subpackages hold one concern each: {@code listen}, {@code render},
 * {@code webapi}, {@code payload} and {@code delivery}.
 */
package com.frameworkadvisor.slack;
