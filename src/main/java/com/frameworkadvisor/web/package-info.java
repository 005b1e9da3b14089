/**
 * The HTTP host, Javalin: {@code POST /slack/events} verified and handed to the Slack side by {@code BoltAdapter}
 * (request in, response out), the install pages of a distributed app, {@code GET /health}, {@code /metrics}
 * ({@code OperatorMetrics}, with a token) and {@code /privacy}.
 */
package com.frameworkadvisor.web;
