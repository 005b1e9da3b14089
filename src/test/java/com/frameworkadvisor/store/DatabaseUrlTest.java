package com.frameworkadvisor.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUrlTest {
    private static final String PASSWORD = "hunter2-Secret";

    @Test
    void heroku_form_becomes_a_jdbc_url_with_credentials_apart_and_sslmode_passed_through() {
        DatabaseUrl url = DatabaseUrl.parse(Optional.of("postgres://alice:" + PASSWORD
                + "@db.example.com:5433/advisor?sslmode=require"));

        assertEquals("jdbc:postgresql://db.example.com:5433/advisor?sslmode=require", url.jdbcUrl());
        assertEquals(Optional.of("alice"), url.user());
        assertEquals(Optional.of(PASSWORD), url.password());
        assertFalse(url.isEmbedded());
    }

    @Test
    void percent_encoded_credentials_are_decoded() {
        DatabaseUrl url = DatabaseUrl.parse(Optional.of("postgres://al%40ce:p%3Ass%2Fword@db.example.com/advisor"));

        assertEquals(Optional.of("al@ce"), url.user());
        assertEquals(Optional.of("p:ss/word"), url.password());
        assertEquals("jdbc:postgresql://db.example.com/advisor", url.jdbcUrl());
    }

    @Test
    void postgresql_scheme_is_accepted_like_postgres() {
        DatabaseUrl url = DatabaseUrl.parse(Optional.of("postgresql://bob:" + PASSWORD
                + "@10.0.0.7:5432/decisions?sslmode=disable"));

        assertEquals("jdbc:postgresql://10.0.0.7:5432/decisions?sslmode=disable", url.jdbcUrl());
        assertEquals(Optional.of("bob"), url.user());
        assertEquals(Optional.of(PASSWORD), url.password());
    }

    @Test
    void heroku_form_without_a_password_has_only_a_user() {
        DatabaseUrl url = DatabaseUrl.parse(Optional.of("postgres://carol@localhost/advisor"));

        assertEquals("jdbc:postgresql://localhost/advisor", url.jdbcUrl());
        assertEquals(Optional.of("carol"), url.user());
        assertEquals(Optional.empty(), url.password());
    }

    @Test
    void jdbc_postgresql_url_is_used_as_given() {
        String jdbc = "jdbc:postgresql://db.example.com:5432/advisor?sslmode=require";

        DatabaseUrl url = DatabaseUrl.parse(Optional.of(jdbc));

        assertEquals(jdbc, url.jdbcUrl());
        assertEquals(Optional.empty(), url.user());
        assertEquals(Optional.empty(), url.password());
        assertFalse(url.isEmbedded());
    }

    @Test
    void jdbc_h2_url_is_used_as_given() {
        DatabaseUrl memory = DatabaseUrl.parse(Optional.of("jdbc:h2:mem:advisor;DB_CLOSE_DELAY=-1"));
        DatabaseUrl file = DatabaseUrl.parse(Optional.of("jdbc:h2:file:/var/lib/advisor/db"));

        assertEquals("jdbc:h2:mem:advisor;DB_CLOSE_DELAY=-1", memory.jdbcUrl());
        assertFalse(memory.isEmbedded(), "an in-memory database is not the embedded file");
        assertEquals("jdbc:h2:file:/var/lib/advisor/db", file.jdbcUrl());
        assertTrue(file.isEmbedded());
    }

    @Test
    void no_url_selects_the_embedded_database_file_under_data() {
        DatabaseUrl url = DatabaseUrl.parse(Optional.empty());

        assertTrue(url.jdbcUrl().startsWith("jdbc:h2:file:./data/"), url.jdbcUrl());
        assertTrue(url.isEmbedded());
        assertEquals(Optional.empty(), url.user());
        assertEquals(Optional.empty(), url.password());
    }

    @Test
    void surrounding_whitespace_is_ignored() {
        DatabaseUrl url = DatabaseUrl.parse(Optional.of("  postgres://alice:" + PASSWORD
                + "@db.example.com/advisor\n"));

        assertEquals("jdbc:postgresql://db.example.com/advisor", url.jdbcUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://root:" + PASSWORD + "@db.example.com/advisor",
            "postgres://alice:" + PASSWORD + "@/advisor",
            "postgres://alice:" + PASSWORD + "@db.example.com",
            "postgres://alice:" + PASSWORD + "@db.example.com/",
            "postgres://alice:" + PASSWORD + " x@db.example.com/advisor",
            "postgres://alice:" + PASSWORD + "@db.example.com:notaport/advisor",
            "alice:" + PASSWORD + "@db.example.com/advisor",
            "not a url at all " + PASSWORD,
    })
    void unusable_url_is_refused_without_repeating_the_password(String databaseUrl) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse(Optional.of(databaseUrl)));

        assertTrue(e.getMessage().contains("DATABASE_URL"), "the message names the variable: " + e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), "the message leaks the password: " + e.getMessage());
    }

    @Test
    void to_string_never_shows_the_password_of_the_heroku_form() {
        DatabaseUrl url = DatabaseUrl.parse(Optional.of("postgres://alice:" + PASSWORD
                + "@db.example.com:5433/advisor?sslmode=require"));

        assertFalse(url.toString().contains(PASSWORD), url.toString());
        assertTrue(url.toString().contains("db.example.com"), "still says where it points: " + url);
        assertTrue(url.toString().contains("alice"), "still says who connects: " + url);
    }

    @Test
    void to_string_never_shows_a_password_given_as_a_jdbc_url_parameter() {
        // Heroku's JDBC_DATABASE_URL carries the credentials this way.
        DatabaseUrl url = DatabaseUrl.parse(Optional.of("jdbc:postgresql://db.example.com:5432/advisor?user=alice"
                + "&password=" + PASSWORD + "&sslmode=require"));

        assertFalse(url.toString().contains(PASSWORD), url.toString());
    }

    @Test
    void a_record_built_directly_never_shows_its_password() {
        DatabaseUrl url = new DatabaseUrl("jdbc:postgresql://db.example.com/advisor", Optional.of("alice"),
                Optional.of(PASSWORD));

        assertFalse(url.toString().contains(PASSWORD), url.toString());
    }
}
