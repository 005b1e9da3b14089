package com.frameworkadvisor.web;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into an array of its declared length, refusing one over {@link #MAX_BYTES} with 413 before
 * it is read. Javalin's {@code bodyAsBytes()} grows a buffer from 32 bytes and then copies it: three times a
 * submission's 25 KB in garbage, a fifth of all the app allocated (docs/performance.md).
 */
final class RequestBody {
    private static final Logger log = LoggerFactory.getLogger(RequestBody.class);
    /** Slack's payloads are a few KiB; anything far larger is refused before it is parsed. */
    static final long MAX_BYTES = 64 * 1024;

    private RequestBody() {
    }

    static byte[] read(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge();
        }
        InputStream in = request.getInputStream();
        if (declared >= 0) {
            byte[] body = new byte[(int) declared];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        byte[] body = in.readNBytes((int) MAX_BYTES + 1); // streamed, without a length
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private static HttpResponseException tooLarge() {
        log.warn("request_refused status=413 reason=\"body over {} bytes\"", MAX_BYTES);
        return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
                HttpStatus.CONTENT_TOO_LARGE.getMessage());
    }
}
