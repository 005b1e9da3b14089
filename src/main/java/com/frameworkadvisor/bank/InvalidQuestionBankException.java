package com.frameworkadvisor.bank;

/** The question bank file cannot be used; the message names the file, the question and the problem. */
public final class InvalidQuestionBankException extends RuntimeException {
    InvalidQuestionBankException(String message) {
        super(message);
    }

    InvalidQuestionBankException(String message, Throwable cause) {
        super(message, cause);
    }
}
