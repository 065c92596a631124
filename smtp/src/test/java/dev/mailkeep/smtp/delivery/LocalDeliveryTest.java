// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.store.AccountId;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.EmailId;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.MailboxRole;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalDeliveryTest {
    private final List<List<Delivery>> calls = new ArrayList<>();

    /** A store that only records deliver() calls. */
    private final MailStore store = (MailStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MailStore.class}, (self, method, args) -> {
                if (!method.getName().equals("deliver")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                @SuppressWarnings("unchecked")
                List<Delivery> deliveries = (List<Delivery>) args[0];
                calls.add(deliveries);
                return deliveries.stream().map(d -> new EmailId("e" + d.account())).toList();
            });

    @Test
    void prependsTraceHeadersPerRecipientInOneStoreCall() throws Exception {
        Trace trace = new Trace("client.example", InetAddress.getByName("2001:db8::7"), "ESMTPS", "ID42",
                Instant.parse("2026-11-23T09:05:07Z"));
        byte[] content = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        var message = new InboundMessage(trace, "sender@remote.example", List.of(
                new LocalRecipient("alice@example.org", new AccountId("A")),
                new LocalRecipient("bob@example.org", new AccountId("B"))), content);

        List<EmailId> ids = new LocalDelivery(store, "mx.example.org").deliver(message);

        assertEquals(List.of(new EmailId("eA"), new EmailId("eB")), ids);
        assertEquals(1, calls.size());
        Delivery bob = calls.getFirst().get(1);
        assertEquals(new AccountId("B"), bob.account());
        assertEquals(MailboxRole.INBOX, bob.target());
        assertEquals("Return-Path: <sender@remote.example>\r\n"
                + "Delivered-To: bob@example.org\r\n"
                + "Received: from client.example ([IPv6:2001:db8:0:0:0:0:0:7])\r\n"
                + "\tby mx.example.org with ESMTPS id ID42\r\n"
                + "\tfor <bob@example.org>; Mon, 23 Nov 2026 09:05:07 +0000\r\n"
                + "Subject: hi\r\n\r\nbody\r\n", new String(bob.message(), StandardCharsets.US_ASCII));
    }

    @Test
    void namesTheProtocolAfterHowTheMessageCame() {
        assertEquals("SMTP", Trace.protocol(false, true, true, true));
        assertEquals("ESMTP", Trace.protocol(true, false, false, false));
        assertEquals("ESMTPS", Trace.protocol(true, true, false, false));
        assertEquals("ESMTPSA", Trace.protocol(true, true, true, false));
        assertEquals("UTF8SMTPSA", Trace.protocol(true, true, true, true));
    }
}
