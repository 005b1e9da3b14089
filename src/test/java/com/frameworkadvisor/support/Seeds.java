package com.frameworkadvisor.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The five articles the advice is built from. They live outside the project (we ship quotes and links, never
 * article text), in the folder named by the system property {@code advisor.seeds}; without it, checks that need
 * them are skipped.
 */
public final class Seeds {
    /** Any run of whitespace, including the no-break spaces the articles' HTML left behind. */
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\uFEFF]+");

    private Seeds() {
    }

    /** The folder of the articles; skips the calling test when there is none. */
    public static Path folder() {
        String property = System.getProperty("advisor.seeds");
        assumeTrue(property != null, "system property advisor.seeds is not set; not checked against the articles");
        Path seeds = Path.of(property);
        assumeTrue(Files.isDirectory(seeds), "no seed articles at " + seeds.toAbsolutePath() + "; not checked");
        return seeds;
    }

    /** The files of one article ({@code 004} → {@code 004_….txt}). */
    public static List<Path> files(Path folder, String seed) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(seed + "_")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One article's text, whitespace normalised. */
    public static String article(String seed) {
        List<Path> files = files(folder(), seed);
        if (files.size() != 1) {
            throw new AssertionError("expected one article for seed " + seed + ", found " + files);
        }
        return normalise(read(files.get(0)));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String normalise(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
