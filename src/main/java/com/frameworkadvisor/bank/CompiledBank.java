package com.frameworkadvisor.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The question bank as the build leaves it beside {@code questions.yml}: the same content, already checked, as JSON
 * ({@value #RESOURCE}). Reading the YAML takes SnakeYAML and Jackson's data binding, about 700 classes and a tenth
 * of a second of every cold start; this file is read as a JSON tree, as the app reads Slack's answers anyway, and
 * bound to {@link BankYaml}'s records by their component names, with no annotations or bean introspection.
 *
 * <p>{@code questions.yml} stays the file people edit. The build ({@link BankCompiler}) checks it with every message
 * {@link QuestionBankLoader} gives and writes this file with the CRC-32 of the YAML it came from; a file left over
 * from another {@code questions.yml} is not used (the loader reads the YAML instead), and the records read from it
 * go through the same checks as the YAML's.
 */
final class CompiledBank {
    /** Where the build writes it: beside {@code questions.yml}, on the class path. */
    static final String RESOURCE = "questions.compiled.json";
    private static final String CRC_FIELD = "yaml_crc32";
    private static final String BANK_FIELD = "bank";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CompiledBank() {
    }

    /**
     * The compiled form of {@code file}, read from {@code yaml}; its questions must already be
     * {@link BankYaml.QuestionYaml} trees written by {@link #tree}.
     */
    static ObjectNode write(BankYaml.File file, byte[] yaml) {
        ObjectNode root = NODES.objectNode();
        root.put("generated_from", QuestionBankLoader.DEFAULT_RESOURCE + " by the build (bank/BankCompiler): edit "
                + "that file, not this one");
        root.put(CRC_FIELD, crc(yaml));
        root.set(BANK_FIELD, tree(file));
        return root;
    }

    /** The bank in {@code json}, when it was compiled from exactly {@code yaml}; empty otherwise. */
    static Optional<BankYaml.File> read(byte[] json, byte[] yaml, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || root.path(CRC_FIELD).asLong(-1) != crc(yaml) || !root.path(BANK_FIELD).isObject()) {
            return Optional.empty();
        }
        return Optional.of(bind(root.get(BANK_FIELD), BankYaml.File.class));
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** A record, list, map, text or tree as JSON; a record's fields under their component names. */
    static JsonNode tree(Object value) {
        if (value == null) {
            return NullNode.instance;
        }
        if (value instanceof String text) {
            return TextNode.valueOf(text);
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(tree(element)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, element) -> object.set((String) key, tree(element)));
            return object;
        }
        if (value instanceof Record) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    object.set(component.getName(), tree(component.getAccessor().invoke(value)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
            return object;
        }
        throw new IllegalArgumentException("no JSON form for " + value.getClass());
    }

    /** The reverse of {@link #tree}: {@code node} as a {@code type}. */
    static <T> T bind(JsonNode node, Class<T> type) {
        return type.cast(value(node, type));
    }

    private static Object value(JsonNode node, Type type) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (type == String.class) {
            return node.asText();
        }
        if (type == JsonNode.class) {
            return node;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : node) {
                list.add(value(element, generic.getActualTypeArguments()[0]));
            }
            return list;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(),
                    value(field.getValue(), generic.getActualTypeArguments()[1])));
            return map;
        }
        if (type instanceof Class<?> record && record.isRecord()) {
            RecordComponent[] components = record.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = value(node.get(components[i].getName()), components[i].getGenericType());
                types[i] = components[i].getType();
            }
            try {
                return record.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + record.getSimpleName(), e);
            }
        }
        throw new IllegalArgumentException("no binding for " + type);
    }
}
