package com.frameworkadvisor.store;

/**
 * This instance no longer holds the delivery it was working on: its lease passed (the database was unreachable
 * for longer than the lease) and another instance may have taken it over. The work on it must stop.
 */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(long deliveryId) {
        super("the lease on delivery " + deliveryId + " was lost");
    }
}
