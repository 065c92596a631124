// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BccRemovalTest {
    private static String strip(String message) {
        return new String(BccRemoval.apply(message.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> blindFields() {
        return Stream.of(
                Arguments.of("plain", "Bcc: a@x\r\n"),
                Arguments.of("any case", "bCC: a@x\r\n"),
                Arguments.of("blank before colon", "Bcc : a@x\r\n"),
                Arguments.of("folded", "Bcc: a@x,\r\n b@y,\r\n\tc@z\r\n"),
                Arguments.of("empty", "Bcc:\r\n"),
                Arguments.of("resent", "Resent-Bcc: a@x\r\n"),
                Arguments.of("bare LF", "Bcc: a@x\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blindFields")
    void blindFieldsGo(String name, String field) {
        String head = "From: a@x\r\nTo: b@y\r\n";
        String tail = "Subject: s\r\n\r\nBcc: body\r\n";
        assertEquals(head + tail, strip(head + field + tail));
    }

    @Test
    void lookalikesAndTheBodyStay() {
        String message = "Bccx: kept\r\nX-Bcc: kept\r\nTo: b@y\r\n\r\nBcc: body\r\n";
        assertEquals(message, strip(message));
        assertEquals("To: b@y\r\n", strip("Bcc: a@x\r\nTo: b@y\r\n"), "no body at all");
        assertEquals("To: b@y\n\nBcc: c@z\n", strip("To: b@y\nBcc: a@x\n\nBcc: c@z\n"));
    }
}
