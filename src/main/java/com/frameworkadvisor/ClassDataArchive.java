package com.frameworkadvisor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The class-data archive the Procfile maps at start ({@code -XX:SharedArchiveFile}, built by {@code mvn package}):
 * when it is asked for but cannot be used, the JVM starts without it, about twice as slowly, and says nothing at
 * all if the file is missing or was built by another Java. This tells the log why, and what to do
 * (docs/performance.md, Launch flags). An archive found by a relative path from another directory is missing too.
 */
final class ClassDataArchive {
    static final String OPTION = "-XX:SharedArchiveFile=";
    private static final int HEADER_BYTES = 4096;

    private ClassDataArchive() {
    }

    /** The problem with the archive this JVM was started with, if it asked for one; read from the OS, not JMX. */
    static Optional<String> problem() {
        List<String> arguments = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty(); // no code source to compare with (run from an IDE, say): nothing to say
        }
        return problem(arguments, jar, thisJvm());
    }

    /** How an archive's header names the JVM that wrote it, e.g. "OpenJDK 64-Bit Server VM (17.0.15+6-Debian…)". */
    static String thisJvm() {
        return System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.version") + ")";
    }

    /**
     * @param arguments the JVM's command-line arguments
     * @param code      the jar (or classes directory) the app runs from
     * @param jvm       this JVM as an archive's header names the one that wrote it ({@link #thisJvm})
     */
    static Optional<String> problem(List<String> arguments, Path code, String jvm) {
        Optional<Path> archive = arguments.stream().filter(argument -> argument.startsWith(OPTION))
                .map(argument -> Path.of(argument.substring(OPTION.length()))).reduce((first, last) -> last);
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        Path file = archive.get();
        if (!Files.isRegularFile(file)) {
            return Optional.of("class_data_archive_missing archive=" + file.toAbsolutePath() + " remedy=\"the JVM "
                    + "started without it, about twice as slowly: run mvn package (it builds the archive), and start "
                    + "the app from the repository root as the Procfile does\"");
        }
        try {
            if (!header(file).contains(jvm)) {
                return Optional.of("class_data_archive_other_jvm archive=" + file.toAbsolutePath() + " jvm=\""
                        + jvm + "\" remedy=\"the archive was built by another Java, so this one started without "
                        + "it, about twice as slowly: run mvn package with the Java that runs the app\"");
            }
            if (Files.isRegularFile(code)
                    && Files.getLastModifiedTime(code).compareTo(Files.getLastModifiedTime(file)) > 0) {
                return Optional.of("class_data_archive_stale archive=" + file.toAbsolutePath() + " jar=" + code
                        + " remedy=\"the jar is newer than the archive, so the JVM started without it, about twice "
                        + "as slowly: run mvn package (it builds both), and copy them keeping their times (cp -p)\"");
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The start of the archive, where HotSpot writes the name and version of the JVM that built it. */
    private static String header(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            return new String(in.readNBytes(HEADER_BYTES), StandardCharsets.ISO_8859_1);
        }
    }
}
