/**
 * Reads the question bank ({@code questions.yml}) with Jackson into the decision module's records and validates it,
 * so a mistake stops start-up with a message naming the file, the question and the problem.
 */
package com.frameworkadvisor.bank;
