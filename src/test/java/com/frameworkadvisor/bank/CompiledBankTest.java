package com.frameworkadvisor.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.frameworkadvisor.decision.QuestionBank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bank as the build compiles it from questions.yml: the same bank, never one from another file. */
class CompiledBankTest {
    private final QuestionBankLoader loader = new QuestionBankLoader();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void the_build_compiled_the_shipped_bank_and_the_app_reads_the_bank_its_yaml_gives() throws IOException {
        // given: what process-classes left on the class path
        byte[] yaml = resource("/" + QuestionBankLoader.DEFAULT_RESOURCE);
        byte[] compiled = resource("/" + CompiledBank.RESOURCE);

        // when
        Optional<BankYaml.File> read = CompiledBank.read(compiled, yaml, json);

        // then
        assertTrue(read.isPresent(), "compiled from this questions.yml");
        QuestionBank fromYaml = loader.load(QuestionBankLoader.DEFAULT_RESOURCE, new ByteArrayInputStream(yaml));
        assertEquals(fromYaml, loader.load(QuestionBankLoader.DEFAULT_RESOURCE, read.get()));
        assertEquals(fromYaml, loader.loadDefault());
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid.yml", "at-the-limits.yml"})
    void a_compiled_bank_reads_back_as_the_bank_its_yaml_gives(String fixture) throws IOException {
        // given
        byte[] yaml = resource("/banks/" + fixture);

        // when
        byte[] compiled = json.writeValueAsBytes(CompiledBank.write(loader.compile(fixture, yaml), yaml));

        // then
        assertEquals(loader.load(fixture, new ByteArrayInputStream(yaml)),
                loader.load(fixture, CompiledBank.read(compiled, yaml, json).orElseThrow()));
    }

    @Test
    void a_bank_compiled_from_another_yaml_is_not_used() throws IOException {
        // given: questions.yml edited after it was compiled
        byte[] yaml = resource("/banks/valid.yml");
        byte[] compiled = json.writeValueAsBytes(CompiledBank.write(loader.compile("valid.yml", yaml), yaml));
        byte[] edited = (new String(yaml, StandardCharsets.UTF_8) + "\n# edited\n").getBytes(StandardCharsets.UTF_8);

        // when, then
        assertEquals(Optional.empty(), CompiledBank.read(compiled, edited, json));
    }

    @Test
    void the_build_stops_on_an_invalid_bank_with_the_message_the_app_would_give(@TempDir Path dir)
            throws IOException {
        // given
        Path yaml = dir.resolve("questions.yml");
        Files.write(yaml, resource("/banks/unknown-property.yml"));
        Path compiled = dir.resolve(CompiledBank.RESOURCE);

        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BankCompiler.main(new String[] {yaml.toString(), compiled.toString()}));

        // then
        assertTrue(e.getMessage().contains("questions.yml: question 'admin_ui': unknown property 'lable'"),
                e.getMessage());
        assertTrue(Files.notExists(compiled), "no compiled bank is left behind");
    }

    private byte[] resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            assertNotNull(in, name + " is missing");
            return in.readAllBytes();
        }
    }
}
