package com.frameworkadvisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassDataArchiveTest {
    /** As a JDK 17 names itself in the archives it writes. */
    private static final String JVM = "OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1)";
    @TempDir
    Path dir;

    @Test
    void saysNothingWhenNoArchiveWasAskedFor() throws IOException {
        Path jar = file("app.jar", Instant.parse("2026-12-02T10:00:00Z"));

        assertEquals(Optional.empty(),
                ClassDataArchive.problem(List.of("-Xmx128m", "-Dfile.encoding=UTF-8"), jar, JVM));
    }

    @Test
    void saysNothingWhenTheArchiveWasBuiltAfterTheJar() throws IOException {
        Path jar = file("app.jar", Instant.parse("2026-12-02T10:00:00Z"));
        Path archive = file("app.jsa", Instant.parse("2026-12-02T10:00:07Z"));

        assertEquals(Optional.empty(),
                ClassDataArchive.problem(List.of(ClassDataArchive.OPTION + archive, "-Xmx128m"), jar, JVM));
    }

    @Test
    void namesAMissingArchiveAndHowToBuildIt() throws IOException {
        Path jar = file("app.jar", Instant.parse("2026-12-02T10:00:00Z"));
        List<String> arguments = List.of(ClassDataArchive.OPTION + dir.resolve("gone.jsa"));

        String problem = ClassDataArchive.problem(arguments, jar, JVM).orElseThrow();

        assertTrue(problem.startsWith("class_data_archive_missing archive=" + dir.resolve("gone.jsa")), problem);
        assertTrue(problem.contains("run mvn package"), problem);
    }

    @Test
    void namesAnArchiveOlderThanTheJar() throws IOException {
        Path archive = file("app.jsa", Instant.parse("2026-12-02T10:00:00Z"));
        Path jar = file("app.jar", Instant.parse("2026-12-02T11:00:00Z"));

        String problem = ClassDataArchive.problem(List.of(ClassDataArchive.OPTION + archive), jar, JVM).orElseThrow();

        assertTrue(problem.startsWith("class_data_archive_stale archive=" + archive), problem);
        assertTrue(problem.contains("jar=" + jar) && problem.contains("cp -p"), problem);
    }

    @Test
    void namesAnArchiveBuiltByAnotherJvm() throws IOException {
        Path jar = file("app.jar", Instant.parse("2026-12-02T10:00:00Z"));
        Path archive = file("app.jsa", Instant.parse("2026-12-02T10:00:07Z"));
        Files.writeString(archive, "\u0000OpenJDK 64-Bit Server VM (25.0.3+9-LTS) for linux-amd64 JRE\u0000");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-12-02T10:00:07Z")));

        String problem = ClassDataArchive.problem(List.of(ClassDataArchive.OPTION + archive), jar, JVM).orElseThrow();

        assertTrue(problem.startsWith("class_data_archive_other_jvm archive=" + archive), problem);
        assertTrue(problem.contains("jvm=\"" + JVM + "\""), problem);
    }

    @Test
    void thisJvmIsNamedAsItsOwnArchivesNameIt() {
        assertTrue(ClassDataArchive.thisJvm().matches(".+ \\(" + Runtime.version().feature() + ".*\\)"),
                ClassDataArchive.thisJvm());
    }

    private Path file(String name, Instant modified) throws IOException {
        String content = name.endsWith(".jsa") ? "\u0000" + JVM + " for linux-amd64\u0000" : name;
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
