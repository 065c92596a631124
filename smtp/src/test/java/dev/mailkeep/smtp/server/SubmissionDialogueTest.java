// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.testing.RecordingStore;
import dev.mailkeep.smtp.testing.SmtpTestClient;
import dev.mailkeep.smtp.testing.TestTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Submission over STARTTLS (RFC 3207, 6409) and implicit TLS (RFC 8314) with AUTH (RFC 4954). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionDialogueTest {
    private static final String HOST = "mail.example.org";

    private RecordingStore store;
    private TestTls tls;
    private SmtpServer server;
    private SmtpTestClient smtp;

    @BeforeAll
    void startServer(@TempDir Path folder) throws Exception {
        store = new RecordingStore(folder);
        store.createAccount("alice@example.org", "alice secret ✓");
        store.createAccount("bob@example.org", "bob-pw");
        tls = TestTls.selfSigned(HOST);
        server = SmtpServer.start(new SmtpSettings(HOST, Set.of("example.org"), 100_000, tls.server()), List.of(
                new SmtpListener("ingress", new InetSocketAddress("127.0.0.1", 0), SmtpMode.INGRESS),
                new SmtpListener("submission", new InetSocketAddress("127.0.0.1", 0), SmtpMode.SUBMISSION),
                new SmtpListener("submissions", new InetSocketAddress("127.0.0.1", 0), SmtpMode.SUBMISSIONS)),
                store.store());
    }

    @AfterAll
    void stopServer() {
        server.close();
        store.close();
    }

    @BeforeEach
    void reset() {
        store.reset();
    }

    @AfterEach
    void disconnect() throws IOException {
        if (smtp != null) {
            smtp.close();
        }
    }

    private void connect(String listener) throws IOException {
        smtp = SmtpTestClient.connect(server.boundAddresses().get(listener));
        smtp.expect("220 " + HOST + " ESMTP Mailkeep");
    }

    /** Connects to the submission port, upgrades with STARTTLS, and says EHLO again. */
    private List<String> connectWithStartTls() throws IOException {
        connect("submission");
        smtp.send("EHLO client.example");
        smtp.readReply();
        smtp.send("STARTTLS");
        smtp.expect("220 2.0.0 Ready to start TLS");
        smtp.startTls(tls.client());
        smtp.send("EHLO client.example");
        return smtp.readReply();
    }

    /** The EHLO keywords, without the reply code and the greeting line. */
    private static List<String> keywords(List<String> ehlo) {
        return ehlo.stream().skip(1).map(line -> line.substring(4)).toList();
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void beforeTlsOnlyStartTlsIsOffered() throws Exception {
        connect("submission");
        smtp.send("EHLO client.example");
        List<String> ehlo = smtp.readReply();
        assertTrue(keywords(ehlo).contains("STARTTLS"), ehlo.toString());
        assertFalse(ehlo.stream().anyMatch(l -> l.contains("AUTH")), ehlo.toString());
        smtp.send("AUTH PLAIN " + plain("alice@example.org", "alice secret ✓"));
        smtp.expect("530 5.7.0 Must issue a STARTTLS command first");
        smtp.send("MAIL FROM:<alice@example.org>");
        smtp.expect("530 5.7.0 Must issue a STARTTLS command first");
    }

    @Test
    void submitsToALocalRecipientAfterStartTlsAndAuthPlain() throws Exception {
        List<String> ehlo = connectWithStartTls();
        assertTrue(keywords(ehlo).contains("AUTH PLAIN LOGIN"), ehlo.toString());
        assertFalse(ehlo.stream().anyMatch(l -> l.contains("STARTTLS")), ehlo.toString());
        smtp.send("MAIL FROM:<alice@example.org>");
        smtp.expect("530 5.7.0 Authentication required");
        smtp.send("AUTH PLAIN " + plain("alice@example.org", "wrong"));
        smtp.expect("535 5.7.8 Authentication credentials invalid");
        smtp.send("AUTH PLAIN " + plain("alice@example.org", "alice secret ✓"));
        smtp.expect("235 2.7.0 Authentication successful");
        smtp.send("AUTH PLAIN " + plain("alice@example.org", "alice secret ✓"));
        smtp.expect("503 5.5.1 Already authenticated");
        smtp.send("MAIL FROM:<bob@example.org>");
        smtp.expect("553 5.7.1 Sender address not owned by the authenticated user");
        smtp.send("MAIL FROM:<>");
        smtp.expect("553 5.7.1 Sender address not owned by the authenticated user");
        smtp.send("MAIL FROM:<Alice@Example.org>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<friend@elsewhere.example>");
        smtp.expect("550 5.3.3 Remote delivery is not available on this server");
        smtp.send("RCPT TO:<nobody@example.org>");
        smtp.expect("550 5.1.1 No such user here");
        smtp.send("RCPT TO:<bob@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        smtp.send("Subject: submitted over STARTTLS\r\n\r\nhi bob\r\n.");
        smtp.expectStart("250 2.0.0 Ok: message accepted");
        String stored = new String(store.delivered("bob@example.org", "submitted over STARTTLS"), StandardCharsets.UTF_8);
        assertTrue(stored.startsWith("Return-Path: <Alice@Example.org>\r\nDelivered-To: bob@example.org\r\n"
                + "Received: from client.example ([127.0.0.1])\r\n\tby " + HOST + " with ESMTPSA id "), stored);
    }

    @Test
    void authLoginWithPrompts() throws Exception {
        connectWithStartTls();
        smtp.send("AUTH LOGIN");
        smtp.expect("334 VXNlcm5hbWU6");
        smtp.send(b64("alice@example.org"));
        smtp.expect("334 UGFzc3dvcmQ6");
        smtp.send(b64("alice secret ✓"));
        smtp.expect("235 2.7.0 Authentication successful");
        smtp.send("MAIL FROM:<alice@example.org>");
        smtp.expect("250 2.1.0 Sender ok");
    }

    @Test
    void authExchangesCanBeCancelledOrGarbled() throws Exception {
        connectWithStartTls();
        smtp.send("AUTH PLAIN");
        smtp.expect("334 ");
        smtp.send("*");
        smtp.expect("501 5.0.0 Authentication cancelled");
        smtp.send("AUTH LOGIN " + b64("alice@example.org"));
        smtp.expect("334 UGFzc3dvcmQ6");
        smtp.send("not base64!");
        smtp.expect("501 5.5.2 Cannot decode response");
        smtp.send("AUTH CRAM-MD5");
        smtp.expect("504 5.5.4 Unrecognized authentication type");
        smtp.send("AUTH PLAIN " + plain("nobody@example.org", "x"));
        smtp.expect("535 5.7.8 Authentication credentials invalid");
        smtp.send("NOOP");
        smtp.expect("250 2.0.0 Ok");
    }

    @Test
    void repeatedAuthFailuresCloseTheConnection() throws Exception {
        connectWithStartTls();
        for (int i = 1; i < SmtpSession.MAX_AUTH_FAILURES; i++) {
            smtp.send("AUTH PLAIN " + plain("alice@example.org", "guess " + i));
            smtp.expect("535 5.7.8 Authentication credentials invalid");
        }
        smtp.send("AUTH PLAIN " + plain("alice@example.org", "last guess"));
        smtp.expect("535 5.7.8 Authentication credentials invalid");
        smtp.expect("421 4.7.0 " + HOST + " too many failed authentication attempts, closing connection");
        assertTrue(smtp.isClosedByServer());
    }

    @Test
    void commandsPipelinedAfterStartTlsAreNeverObeyed() throws Exception {
        connect("submission");
        smtp.send("EHLO client.example");
        smtp.readReply();
        smtp.sendRaw("STARTTLS\r\nMAIL FROM:<alice@example.org>\r\n".getBytes(StandardCharsets.US_ASCII));
        smtp.expect("554 5.5.1 Commands pipelined after STARTTLS, closing connection");
        assertTrue(smtp.isClosedByServer());
    }

    @Test
    void implicitTlsOffersAuthAtOnce() throws Exception {
        smtp = SmtpTestClient.connectTls(server.boundAddresses().get("submissions"), tls.client());
        smtp.expect("220 " + HOST + " ESMTP Mailkeep");
        smtp.send("EHLO client.example");
        List<String> ehlo = smtp.readReply();
        assertTrue(keywords(ehlo).contains("AUTH PLAIN LOGIN"), ehlo.toString());
        assertFalse(ehlo.stream().anyMatch(l -> l.contains("STARTTLS")), ehlo.toString());
        smtp.send("STARTTLS");
        smtp.expect("503 5.5.1 TLS already active");
        smtp.send("AUTH PLAIN " + plain("alice@example.org", "alice secret ✓"));
        smtp.expect("235 2.7.0 Authentication successful");
        smtp.send("MAIL FROM:<alice@example.org>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        byte[] chunk = "Subject: implicit TLS\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
        smtp.send("BDAT " + chunk.length + " LAST");
        smtp.sendRaw(chunk);
        smtp.expectStart("250 2.0.0 Ok: message accepted");
        String stored = new String(store.delivered("alice@example.org", "Subject: implicit TLS"), StandardCharsets.UTF_8);
        assertTrue(stored.contains(" with ESMTPSA id "), stored);
    }

    @Test
    void ingressOffersStartTlsButNeverAuth() throws Exception {
        connect("ingress");
        smtp.send("EHLO client.example");
        List<String> ehlo = smtp.readReply();
        assertTrue(keywords(ehlo).contains("STARTTLS"), ehlo.toString());
        smtp.send("STARTTLS");
        smtp.expect("220 2.0.0 Ready to start TLS");
        smtp.startTls(tls.client());
        smtp.send("MAIL FROM:<someone@remote.example>");
        smtp.expect("503 5.5.1 Send EHLO or HELO first");
        smtp.send("EHLO client.example");
        ehlo = smtp.readReply();
        assertFalse(ehlo.stream().anyMatch(l -> l.contains("AUTH") || l.contains("STARTTLS")), ehlo.toString());
        smtp.send("AUTH PLAIN " + plain("alice@example.org", "alice secret ✓"));
        smtp.expect("502 5.5.1 Command not implemented");
        smtp.send("MAIL FROM:<someone@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        smtp.send("Subject: inbound over TLS\r\n\r\nhello\r\n.");
        smtp.expectStart("250 2.0.0 ");
        String stored = new String(store.delivered("alice@example.org", "Subject: inbound over TLS"), StandardCharsets.UTF_8);
        assertTrue(stored.contains(" with ESMTPS id "), stored);
    }

    @Test
    void startRefusesImplicitTlsWithoutCertificateAndNamesABusyListener() throws Exception {
        var noTls = new SmtpSettings(HOST, Set.of("example.org"), 1000, null);
        var implicit = new SmtpListener("smtps", new InetSocketAddress("127.0.0.1", 0), SmtpMode.SUBMISSIONS);
        var error = assertThrows(IllegalArgumentException.class, () -> SmtpServer.start(noTls, List.of(implicit), store.store()));
        assertTrue(error.getMessage().contains("'smtps'"), error.getMessage());

        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            var taken = new InetSocketAddress("127.0.0.1", busy.getLocalPort());
            var io = assertThrows(IOException.class, () -> SmtpServer.start(noTls, List.of(
                    new SmtpListener("free", new InetSocketAddress("127.0.0.1", 0), SmtpMode.INGRESS),
                    new SmtpListener("taken", taken, SmtpMode.INGRESS)), store.store()));
            assertTrue(io.getMessage().startsWith("cannot bind SMTP listener 'taken' to "), io.getMessage());
        }
    }
}
