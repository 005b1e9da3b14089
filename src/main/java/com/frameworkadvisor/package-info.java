/**
 * Framework Advisor: a Slack app that helps a team decide between Django and Flask, citing the articles its advice
 * comes from. {@link com.frameworkadvisor.Main} is the entry point and the one place that reads the environment;
 * it builds the command line ({@code cli}) or the server ({@code web} hosting {@code slack}).
 */
package com.frameworkadvisor;
