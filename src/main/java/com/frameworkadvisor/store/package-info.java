/**
 * Storage on JDBC: decision threads and their answer sets, on the embedded H2 file or PostgreSQL
 * ({@code DATABASE_URL}), with the schema in Flyway migrations ({@code db/migration}).
 */
package com.frameworkadvisor.store;
