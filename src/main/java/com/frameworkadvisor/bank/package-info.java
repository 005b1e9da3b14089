/**
 * Reads the question bank ({@code questions.yml}) with Jackson into the decision module's records and validates it,
 * so a mistake stops the build and start-up with a message naming the file, the question and the problem. The build
 * compiles it to JSON ({@code BankCompiler}, {@code CompiledBank}), which the app reads at start without YAML.
 */
package com.frameworkadvisor.bank;
