package com.frameworkadvisor.slack;

/** A Slack payload, button value or private metadata is not what this app wrote or Slack sends. */
final class UnreadablePayloadException extends RuntimeException {
    UnreadablePayloadException(String message) {
        super(message);
    }
}
