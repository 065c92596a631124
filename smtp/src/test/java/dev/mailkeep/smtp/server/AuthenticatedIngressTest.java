// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.auth.MessageAuthenticator;
import dev.mailkeep.smtp.delivery.InboundPolicy;
import dev.mailkeep.smtp.delivery.Network;
import dev.mailkeep.smtp.dns.FakeDnsResolver;
import dev.mailkeep.smtp.testing.RecordingStore;
import dev.mailkeep.smtp.testing.SmtpTestClient;
import dev.mailkeep.store.Delivery;
import dev.mailkeep.store.MailboxRole;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress listener with mail authentication on: DMARC policy decides Inbox, Junk or refusal,
 * DNS failures defer, the verdict is written as Authentication-Results, forged results claiming
 * this server are dropped, and clients in a trusted network are not checked. The client is on
 * 127.0.0.1; the fake DNS says which domains authorize it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticatedIngressTest {
    private static final String ZONE = """
            allowed.example       TXT "v=spf1 ip4:127.0.0.1 -all"
            _dmarc.allowed.example TXT "v=DMARC1; p=reject"
            strict.example        TXT "v=spf1 ip4:192.0.2.1 -all"
            _dmarc.strict.example TXT "v=DMARC1; p=reject"
            careful.example       TXT "v=spf1 ip4:192.0.2.1 -all"
            _dmarc.careful.example TXT "v=DMARC1; p=quarantine"
            relaxed.example       TXT "v=spf1 ip4:192.0.2.1 ~all"
            flaky.example         TIMEOUT
            """;

    private RecordingStore store;
    private SmtpServer checking;
    private SmtpServer trusting;
    private SmtpTestClient smtp;

    @BeforeAll
    void start(@TempDir Path folder) throws Exception {
        store = new RecordingStore(folder);
        store.createAccount("alice@example.org", "alice-pw");
        FakeDnsResolver dns = FakeDnsResolver.fromZone(ZONE);
        MessageAuthenticator authenticator = new MessageAuthenticator(dns, "mx.example.org");
        SmtpSettings settings = new SmtpSettings("mx.example.org", Set.of("example.org"), 100_000, null);
        var listener = List.of(new SmtpListener("smtp", new InetSocketAddress("127.0.0.1", 0), SmtpMode.INGRESS));
        checking = SmtpServer.start(settings, listener, store.store(), InboundPolicy.authenticating(authenticator, List.of()));
        trusting = SmtpServer.start(settings, listener, store.store(),
                InboundPolicy.authenticating(authenticator, List.of(Network.parse("127.0.0.0/8"))));
    }

    @AfterAll
    void stop() {
        checking.close();
        trusting.close();
        store.close();
    }

    @BeforeEach
    void reset() {
        store.reset();
    }

    @AfterEach
    void disconnect() throws Exception {
        if (smtp != null) {
            smtp.close();
        }
    }

    private String send(SmtpServer server, String fromDomain, String extraHeader) throws Exception {
        smtp = SmtpTestClient.connect(server.boundAddresses().get("smtp"));
        smtp.expectStart("220 ");
        smtp.send("EHLO client.example");
        smtp.readReply();
        smtp.send("MAIL FROM:<news@" + fromDomain + ">");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        smtp.sendRaw(("From: News <news@" + fromDomain + ">\r\n" + extraHeader
                + "To: alice@example.org\r\nSubject: hello\r\n\r\nbody\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
        return String.join("\n", smtp.readReply());
    }

    private Delivery onlyDelivery() {
        assertEquals(1, store.deliverCalls().size());
        assertEquals(1, store.deliverCalls().getFirst().size());
        return store.deliverCalls().getFirst().getFirst();
    }

    private static String text(Delivery delivery) {
        return new String(delivery.message(), StandardCharsets.UTF_8);
    }

    @Test
    void alignedSpfPassGoesToTheInboxWithAuthenticationResults() throws Exception {
        assertTrue(send(checking, "allowed.example", "").startsWith("250 2.0.0"));
        Delivery delivery = onlyDelivery();
        assertEquals(MailboxRole.INBOX, delivery.target());
        String stored = text(delivery);
        assertTrue(stored.contains("Authentication-Results: mx.example.org;"), stored);
        assertTrue(stored.contains("spf=pass"), stored);
        assertTrue(stored.contains("dmarc=pass"), stored);
        assertTrue(stored.contains("header.from=allowed.example"), stored);
        assertTrue(stored.contains("Received-SPF: pass"), stored);
        assertTrue(stored.startsWith("Return-Path: <news@allowed.example>\r\n"), "trace headers stay on top");
    }

    @Test
    void dmarcRejectRefusesTheMessageAndStoresNothing() throws Exception {
        String reply = send(checking, "strict.example", "");
        assertTrue(reply.startsWith("550 5.7.26 "), reply);
        assertTrue(reply.contains("strict.example"), reply);
        assertTrue(store.deliverCalls().isEmpty());
        // The session goes on.
        smtp.send("NOOP");
        smtp.expectStart("250 ");
    }

    @Test
    void dmarcQuarantineFilesIntoJunk() throws Exception {
        assertTrue(send(checking, "careful.example", "").startsWith("250 2.0.0"));
        Delivery delivery = onlyDelivery();
        assertEquals(MailboxRole.JUNK, delivery.target());
        assertTrue(text(delivery).contains("dmarc=fail"), text(delivery));
        assertTrue(text(delivery).contains("spf=fail"), text(delivery));
    }

    @Test
    void noDmarcRecordMeansInboxWhateverSpfSays() throws Exception {
        assertTrue(send(checking, "relaxed.example", "").startsWith("250 2.0.0"));
        Delivery delivery = onlyDelivery();
        assertEquals(MailboxRole.INBOX, delivery.target());
        assertTrue(text(delivery).contains("spf=softfail"), text(delivery));
        assertTrue(text(delivery).contains("dmarc=none"), text(delivery));
    }

    @Test
    void dnsFailureDefersInsteadOfPassing() throws Exception {
        String reply = send(checking, "flaky.example", "");
        assertTrue(reply.startsWith("451 4.4.3 "), reply);
        assertTrue(store.deliverCalls().isEmpty());
    }

    @Test
    void forgedResultsClaimingThisServerAreRemoved() throws Exception {
        String forged = "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=forged@bank.example;\r\n"
                + "\tdmarc=pass header.from=bank.example\r\n"
                + "Authentication-Results: other.example; dkim=none\r\n";
        assertTrue(send(checking, "relaxed.example", forged).startsWith("250 2.0.0"));
        String stored = text(onlyDelivery());
        assertFalse(stored.contains("bank.example"), stored);
        assertTrue(stored.contains("Authentication-Results: other.example; dkim=none"), "other servers' results stay");
        assertEquals(1, stored.split("Authentication-Results: mx.example.org", -1).length - 1, stored);
    }

    @Test
    void trustedNetworksAreNotChecked() throws Exception {
        assertTrue(send(trusting, "strict.example", "").startsWith("250 2.0.0"));
        Delivery delivery = onlyDelivery();
        assertEquals(MailboxRole.INBOX, delivery.target());
        assertFalse(text(delivery).contains("Authentication-Results"), text(delivery));
    }
}
