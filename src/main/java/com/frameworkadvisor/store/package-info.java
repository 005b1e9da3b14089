/**
 * Storage on JDBC: decision threads and their answer sets, the outbox of deliveries, installations and install
 * states, on the embedded H2 file or PostgreSQL ({@code DATABASE_URL}), with the schema in Flyway migrations
 * ({@code db/migration}). On the H2 file, what an ack promises is kept in a journal beside it ({@link
 * com.frameworkadvisor.store.AckJournal}) while H2 writes its file lazily.
 */
package com.frameworkadvisor.store;
