package com.frameworkadvisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The class-data archive the Procfile maps at start ({@code -XX:SharedArchiveFile}, built by {@code mvn package}):
 * when it is asked for but cannot be used, the JVM starts without it, about twice as slowly, and says nothing at
 * all if the file is missing. This tells the log why, and what to do (docs/performance.md, Launch flags).
 */
final class ClassDataArchive {
    static final String OPTION = "-XX:SharedArchiveFile=";

    private ClassDataArchive() {
    }

    /** The problem with the archive this JVM was started with, if it asked for one; read from the OS, not JMX. */
    static Optional<String> problem() {
        List<String> arguments = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return Optional.empty();
        }
        return problem(arguments, jar);
    }

    /**
     * @param arguments the JVM's command-line arguments
     * @param code      the jar (or classes directory) the app runs from
     */
    static Optional<String> problem(List<String> arguments, Path code) {
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
}
