// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MailboxTest {
    @Test
    void quotesTheLocalPartOnlyWhenNeeded() {
        assertEquals("john@example.org", new Mailbox("john", "example.org").address());
        assertEquals("\"john doe\"@example.org", new Mailbox("john doe", "example.org").address());
        assertEquals("\"a\\\"b\"@example.org", new Mailbox("a\"b", "example.org").address());
        assertEquals("\"a..b\"@example.org", new Mailbox("a..b", "example.org").address());
    }

    @Test
    void knowsWhenSmtpUtf8IsNeeded() {
        assertTrue(new Mailbox("john", "example.org").isAscii());
        assertFalse(new Mailbox("jöhn", "example.org").isAscii());
        assertFalse(new Mailbox("john", "exämple.org").isAscii());
    }
}
