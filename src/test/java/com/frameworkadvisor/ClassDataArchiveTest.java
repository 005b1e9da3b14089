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
    @TempDir
    Path dir;

    @Test
    void saysNothingWhenNoArchiveWasAskedFor() throws IOException {
        Path jar = file("app.jar", Instant.parse("2026-12-02T10:00:00Z"));

        assertEquals(Optional.empty(), ClassDataArchive.problem(List.of("-Xmx128m", "-Dfile.encoding=UTF-8"), jar));
    }

    @Test
    void saysNothingWhenTheArchiveWasBuiltAfterTheJar() throws IOException {
        Path jar = file("app.jar", Instant.parse("2026-12-02T10:00:00Z"));
        Path archive = file("app.jsa", Instant.parse("2026-12-02T10:00:07Z"));

        assertEquals(Optional.empty(),
                ClassDataArchive.problem(List.of(ClassDataArchive.OPTION + archive, "-Xmx128m"), jar));
    }

    @Test
    void namesAMissingArchiveAndHowToBuildIt() throws IOException {
        Path jar = file("app.jar", Instant.parse("2026-12-02T10:00:00Z"));

        String problem = ClassDataArchive.problem(List.of(ClassDataArchive.OPTION + dir.resolve("gone.jsa")), jar)
                .orElseThrow();

        assertTrue(problem.startsWith("class_data_archive_missing archive=" + dir.resolve("gone.jsa")), problem);
        assertTrue(problem.contains("run mvn package"), problem);
    }

    @Test
    void namesAnArchiveOlderThanTheJar() throws IOException {
        Path archive = file("app.jsa", Instant.parse("2026-12-02T10:00:00Z"));
        Path jar = file("app.jar", Instant.parse("2026-12-02T11:00:00Z"));

        String problem = ClassDataArchive.problem(List.of(ClassDataArchive.OPTION + archive), jar).orElseThrow();

        assertTrue(problem.startsWith("class_data_archive_stale archive=" + archive), problem);
        assertTrue(problem.contains("jar=" + jar) && problem.contains("cp -p"), problem);
    }

    private Path file(String name, Instant modified) throws IOException {
        Path file = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
