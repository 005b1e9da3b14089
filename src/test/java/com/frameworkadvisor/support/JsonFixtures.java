package com.frameworkadvisor.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares what the app rendered with a JSON fixture under {@code src/test/resources/}, as trees, naming every field
 * that differs. After a deliberate change to a message, {@code mvn test -Dfixtures.write=true} writes the new
 * renderings over the fixtures; read their diff before committing it.
 */
public final class JsonFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RESOURCES = Path.of("src/test/resources");

    private JsonFixtures() {
    }

    public static void assertMatches(String fixture, JsonNode actual) {
        Path file = RESOURCES.resolve(fixture);
        try {
            if (Boolean.getBoolean("fixtures.write")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
            }
            JsonNode expected = JSON.readTree(file.toFile());
            assertEquals(List.of(), differences("", expected, actual), "differences from " + fixture);
            assertEquals(expected, actual);
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + file.toAbsolutePath(), e);
        }
    }

    /** Where two JSON trees differ, as JSON pointers with both values, so a failure names the changed fields. */
    private static List<String> differences(String path, JsonNode expected, JsonNode actual) {
        List<String> found = new ArrayList<>();
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                found.addAll(differences(path + "/" + name, expected.path(name), actual.path(name)));
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                found.addAll(differences(path + "/" + i, e.next(), a.next()));
            }
        } else if (!expected.equals(actual)) {
            found.add(path + ": expected " + expected + " but was " + actual);
        }
        return found;
    }
}
