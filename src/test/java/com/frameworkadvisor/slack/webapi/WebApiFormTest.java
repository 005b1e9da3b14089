package com.frameworkadvisor.slack.webapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebApiFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void encodes_as_the_jdk_form_encoder_does() {
        Random random = new Random(42);
        int[] alphabet = "aZ09 *-._~&=+%/?#\"\\\n\té€😀<>ü".codePoints().toArray();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                value.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = value.toString();
            assertEquals("v=" + URLEncoder.encode(text, StandardCharsets.UTF_8), body(new WebApiForm().add("v", text)),
                    text);
        }
    }

    @Test
    void joins_fields_leaves_out_nulls_and_carries_json_that_decodes_back() throws Exception {
        ObjectNode blocks = JSON.createObjectNode().put("text", "Django & Flask: “50/50” ✓ 🚀");
        String body = body(new WebApiForm().add("channel", "C123").add("thread_ts", null)
                .add("unfurl_links", false).addJson("blocks", blocks));

        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals(Map.of("channel", "C123", "unfurl_links", "false", "blocks", blocks.toString()), fields);
        assertEquals(blocks, JSON.readTree(fields.get("blocks")));
    }

    private static String body(WebApiForm form) {
        return new String(form.toBytes(), StandardCharsets.US_ASCII);
    }
}
