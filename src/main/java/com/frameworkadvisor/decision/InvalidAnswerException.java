package com.frameworkadvisor.decision;

/** An answer names a question or option the question bank does not have. */
public final class InvalidAnswerException extends IllegalArgumentException {
    public InvalidAnswerException(String message) {
        super(message);
    }
}
