package com.frameworkadvisor.store;

import java.sql.SQLException;

/** The database could not be reached or refused the work; the stateless parts of the app go on without it. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "Could not {@code what}: " and the root cause, the form every store's message takes. */
    static StoreUnavailableException couldNot(String what, Throwable cause) {
        return new StoreUnavailableException("Could not " + what + ": " + Database.rootMessage(cause), cause);
    }

    /** Whether the database refused a write for a constraint (SQLState class 23: a duplicate key, say). */
    static boolean isConstraintViolation(Throwable e) {
        return e instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("23");
    }
}
