/**
 * The HTTP host, Javalin: {@code POST /slack/events} verified and handed to the Slack side by {@code BoltAdapter}
 * (request in, response out), and {@code GET /health}.
 */
package com.frameworkadvisor.web;
