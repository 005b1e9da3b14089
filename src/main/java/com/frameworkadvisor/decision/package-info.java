/**
 * Where the decision is made, in plain Java (only {@code java.*}; a test enforces it): the question bank's records,
 * {@link com.frameworkadvisor.decision.Scorer} (answers → {@link com.frameworkadvisor.decision.Recommendation}),
 * "what would change it", and a team's combined result. docs/how-the-advice-works.md explains the model.
 */
package com.frameworkadvisor.decision;
