// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void rendersSingleLineRepliesWithEnhancedStatus() {
        assertEquals("250 2.1.0 Sender ok\r\n", SmtpReplies.senderOk().render());
        assertEquals("550 5.7.1 Relay access denied\r\n", SmtpReplies.relayDenied().render());
        assertEquals("220 mx.example ESMTP Mailkeep\r\n", SmtpReplies.greeting("mx.example").render());
        assertEquals("334 \r\n", SmtpReplies.authChallenge("").render());
    }

    @Test
    void rendersMultiLineRepliesWithContinuationMarks() {
        assertEquals("250-mx.example\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
                SmtpReplies.ehlo("mx.example", List.of("PIPELINING", "8BITMIME")).render());
        assertEquals("452-4.5.3 one\r\n452 4.5.3 two\r\n",
                new SmtpReply(452, EnhancedStatus.of(4, 5, 3), List.of("one", "two")).render());
    }

    @Test
    void refusesInconsistentReplies() {
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(250, EnhancedStatus.of(5, 0, 0), "x"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(250, null, "two\r\nlines"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(99, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(250, null, List.of()));
    }
}
