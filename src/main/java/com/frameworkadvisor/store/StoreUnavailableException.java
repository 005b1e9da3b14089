package com.frameworkadvisor.store;

/** The database could not be reached or refused the work; the stateless parts of the app go on without it. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
