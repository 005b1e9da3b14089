package com.frameworkadvisor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares rendered text (a decision record's Markdown, a mrkdwn reply) with a text fixture under
 * {@code src/test/resources/}, exactly. The file holds the text and one final newline, which the comparison drops,
 * so an editor's final newline never changes the text. {@code mvn test -Dfixtures.write=true} rewrites them with
 * the JSON ones ({@link JsonFixtures}); read their diff before committing it.
 */
public final class TextFixtures {
    private static final Path RESOURCES = Path.of("src/test/resources");

    private TextFixtures() {
    }

    public static void assertMatches(String fixture, String actual) {
        Path file = RESOURCES.resolve(fixture);
        try {
            if (Boolean.getBoolean("fixtures.write")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
            }
            String stored = Files.readString(file, StandardCharsets.UTF_8);
            if (!stored.endsWith("\n")) {
                throw new AssertionError(fixture + " has lost its final newline: the text is all but the last line "
                        + "end");
            }
            assertEquals(stored.substring(0, stored.length() - 1), actual, "differs from " + fixture);
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + file.toAbsolutePath(), e);
        }
    }
}
