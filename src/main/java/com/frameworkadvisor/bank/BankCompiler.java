package com.frameworkadvisor.bank;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by the build ({@code process-classes}, pom.xml): checks {@code questions.yml} as the app would, and writes
 * its compiled form ({@link CompiledBank}) beside it. An invalid bank fails the build with the message the app
 * would have stopped with.
 */
public final class BankCompiler {
    private BankCompiler() {
    }

    /** @param args the {@code questions.yml} to read, and the file to write */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BankCompiler questions.yml questions.compiled.json");
        }
        Path yaml = Path.of(args[0]);
        Path compiled = Path.of(args[1]);
        byte[] source = Files.readAllBytes(yaml);
        BankYaml.File file;
        try {
            file = new QuestionBankLoader().compile(yaml.getFileName().toString(), source);
        } catch (InvalidQuestionBankException e) {
            Files.deleteIfExists(compiled);
            throw new IllegalStateException("The question bank is invalid: " + e.getMessage(), e);
        }
        Files.writeString(compiled, new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(CompiledBank.write(file, source)) + "\n");
    }
}
