// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.testing.RecordingStore;
import dev.mailkeep.smtp.testing.SmtpTestClient;
import dev.mailkeep.store.MailboxRole;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** SMTP dialogues against an INGRESS listener over a real socket (RFC 5321, 2920, 1870, 3030). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngressDialogueTest {
    private static final long MAX_SIZE = 10_000;

    private RecordingStore store;
    private SmtpServer server;
    private SmtpTestClient smtp;

    @BeforeAll
    void startServer(@TempDir Path folder) throws Exception {
        store = new RecordingStore(folder);
        store.createAccount("alice@example.org", "alice-pw");
        store.createAccount("bob@example.org", "bob-pw");
        store.createAccount("δοκιμή@example.org", "pw");
        store.createAccount("carol@xn--bcher-kva.example", "pw");
        server = SmtpServer.start(new SmtpSettings("mx.example.org", Set.of("example.org", "bücher.example"), MAX_SIZE, null),
                List.of(new SmtpListener("smtp", new InetSocketAddress("127.0.0.1", 0), SmtpMode.INGRESS)), store.store());
    }

    @AfterAll
    void stopServer() {
        server.close();
        store.close();
    }

    @BeforeEach
    void connect() throws Exception {
        store.reset();
        smtp = SmtpTestClient.connect(server.boundAddresses().get("smtp"));
        smtp.expect("220 mx.example.org ESMTP Mailkeep");
    }

    @AfterEach
    void disconnect() throws Exception {
        smtp.close();
    }

    private void ehlo() throws Exception {
        smtp.send("EHLO client.example");
        smtp.readReply();
    }

    @Test
    void ehloAdvertisesTheExtensionsWithoutTlsOrAuth() throws Exception {
        smtp.send("EHLO client.example");
        assertEquals(List.of("250-mx.example.org", "250-PIPELINING", "250-SIZE 10000", "250-8BITMIME",
                "250-SMTPUTF8", "250-ENHANCEDSTATUSCODES", "250 CHUNKING"), smtp.readReply());
    }

    @Test
    void deliversTheExactBytesWithTraceHeaders() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example> BODY=8BITMIME");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<Alice@Example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expect("354 End data with <CR><LF>.<CR><LF>");
        String message = "From: Sender <sender@remote.example>\r\n"
                + "To: alice@example.org\r\n"
                + "Subject: Grüße aus Köln ✓\r\n"
                + "\r\n"
                + ".a line that starts with a dot\r\n"
                + "..two dots\r\n"
                + "naïve café, bare\nline feed and bare\rcarriage return\r\n"
                + "\r\n";
        smtp.sendRaw(dotStuff(message));
        smtp.sendRaw(".\r\n".getBytes(StandardCharsets.US_ASCII));
        String accepted = smtp.expectStart("250 2.0.0 Ok: message accepted, id ");
        String id = accepted.substring(accepted.lastIndexOf(' ') + 1);

        assertEquals(1, store.deliverCalls().size());
        assertEquals(MailboxRole.INBOX, store.deliverCalls().getFirst().getFirst().target());
        byte[] storedBytes = store.delivered("alice@example.org", "Grüße aus Köln");
        String stored = new String(storedBytes, StandardCharsets.UTF_8);
        Matcher trace = Pattern.compile("Return-Path: <sender@remote.example>\r\n"
                + "Delivered-To: Alice@Example.org\r\n"
                + "Received: from client.example \\(\\[127.0.0.1\\]\\)\r\n"
                + "\tby mx.example.org with ESMTP id " + id + "\r\n"
                + "\tfor <Alice@Example.org>; \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\r\n").matcher(stored);
        assertTrue(trace.lookingAt(), stored);
        byte[] body = new byte[storedBytes.length - trace.end()];
        System.arraycopy(storedBytes, trace.end(), body, 0, body.length);
        assertArrayEquals(message.getBytes(StandardCharsets.UTF_8), body);
        assertTrue(store.inboxRecords("alice@example.org").stream().anyMatch(r -> "Grüße aus Köln ✓".equals(r.summary().subject())),
                "the store parsed the 8-bit subject");
    }

    @Test
    void oneTransactionForAllRecipientsEachWithItsOwnHeaders() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("RCPT TO:<bob@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        smtp.send("Subject: to both\r\n\r\nhello\r\n.");
        smtp.expectStart("250 2.0.0 ");

        assertEquals(1, store.deliverCalls().size(), "one deliver() call");
        assertEquals(2, store.deliverCalls().getFirst().size());
        String first = new String(store.delivered("alice@example.org", "Subject: to both"), StandardCharsets.UTF_8);
        String second = new String(store.delivered("bob@example.org", "Subject: to both"), StandardCharsets.UTF_8);
        assertTrue(first.startsWith("Return-Path: <>\r\nDelivered-To: alice@example.org\r\n"), first);
        assertTrue(first.contains("\tfor <alice@example.org>; "), first);
        assertTrue(second.startsWith("Return-Path: <>\r\nDelivered-To: bob@example.org\r\n"), second);
        assertTrue(second.endsWith("\r\nSubject: to both\r\n\r\nhello\r\n"), second);
    }

    @Test
    void refusesToRelayAndUnknownUsers() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<someone@elsewhere.example>");
        smtp.expect("550 5.7.1 Relay access denied");
        smtp.send("RCPT TO:<alice@[127.0.0.1]>");
        smtp.expect("550 5.7.1 Relay access denied");
        smtp.send("RCPT TO:<alice@sub.example.org>");
        smtp.expect("550 5.7.1 Relay access denied");
        smtp.send("RCPT TO:<nobody@example.org>");
        smtp.expect("550 5.1.1 No such user here");
        smtp.send("DATA");
        smtp.expect("554 5.5.1 No valid recipients");
        assertTrue(store.deliverCalls().isEmpty());
    }

    @Test
    void syntaxErrorsKeepTheSessionGoing() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:alice@example.org");
        smtp.expect("501 5.5.4 Syntax: MAIL FROM:<address> [parameters]");
        smtp.send("MAIL FROM:<a@b> FOO=BAR");
        smtp.expect("555 5.5.4 Parameter not supported: FOO");
        smtp.send("FROB");
        smtp.expect("500 5.5.1 Command unrecognized");
        smtp.send("EXPN staff");
        smtp.expect("502 5.5.1 Command not implemented");
        smtp.send("VRFY alice");
        smtp.expect("252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery");
        smtp.send("NOOP");
        smtp.expect("250 2.0.0 Ok");
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
    }

    @Test
    void overLongLineIsRefusedAndTheSessionGoesOn() throws Exception {
        ehlo();
        smtp.send("NOOP " + "x".repeat(600));
        smtp.expect("500 5.5.2 Line too long");
        smtp.send("RCPT TO:<" + "a".repeat(500) + "@example.org>");
        smtp.expect("500 5.5.2 Line too long");
        smtp.send("NOOP " + "x".repeat(505)); // 512 octets with CRLF: the longest allowed
        smtp.expect("250 2.0.0 Ok");
    }

    @Test
    void enforcesTheSizeLimitAfterTheData() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example> SIZE=" + (MAX_SIZE + 1));
        smtp.expect("552 5.3.4 Message size exceeds fixed maximum message size");
        smtp.send("MAIL FROM:<sender@remote.example> SIZE=" + MAX_SIZE);
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        String line = "x".repeat(98) + "\r\n";
        smtp.sendRaw((line.repeat(101) + ".\r\n").getBytes(StandardCharsets.US_ASCII));
        smtp.expect("552 5.3.4 Message size exceeds fixed maximum message size");
        assertTrue(store.deliverCalls().isEmpty());
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        smtp.sendRaw((line.repeat(100) + ".\r\n").getBytes(StandardCharsets.US_ASCII)); // exactly 10,000 octets
        smtp.expectStart("250 2.0.0 ");
        assertEquals(1, store.deliverCalls().size());
    }

    @Test
    void commandsOutOfSequence() throws Exception {
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("503 5.5.1 Send EHLO or HELO first");
        smtp.send("HELO client.example");
        smtp.expect("250 mx.example.org");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("503 5.5.1 Need MAIL before RCPT");
        smtp.send("DATA");
        smtp.expect("503 5.5.1 Need MAIL and RCPT before DATA");
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("503 5.5.1 Nested MAIL command");
        smtp.send("DATA");
        smtp.expect("554 5.5.1 No valid recipients");
    }

    @Test
    void rsetAbortsTheTransaction() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("RSET");
        smtp.expect("250 2.0.0 Ok");
        smtp.send("DATA");
        smtp.expect("503 5.5.1 Need MAIL and RCPT before DATA");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("503 5.5.1 Need MAIL before RCPT");
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        ehlo();
        smtp.sendRaw(("MAIL FROM:<sender@remote.example>\r\n"
                + "RCPT TO:<alice@example.org>\r\n"
                + "RCPT TO:<nobody@example.org>\r\n"
                + "RCPT TO:<x@elsewhere.example>\r\n"
                + "RCPT TO:<bob@example.org>\r\n"
                + "DATA\r\n").getBytes(StandardCharsets.US_ASCII));
        smtp.expect("250 2.1.0 Sender ok");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.expect("550 5.1.1 No such user here");
        smtp.expect("550 5.7.1 Relay access denied");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.expectStart("354 ");
        smtp.sendRaw("Subject: pipelined\r\n\r\nbody\r\n.\r\nMAIL FROM:<>\r\nRCPT TO:<bob@example.org>\r\nQUIT\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        smtp.expectStart("250 2.0.0 Ok: message accepted");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.expect("221 2.0.0 mx.example.org closing connection");
        assertTrue(smtp.isClosedByServer());
        assertEquals(1, store.deliverCalls().size());
        assertEquals(2, store.deliverCalls().getFirst().size());
    }

    @Test
    void tooManyRecipients() throws Exception {
        store.inventAccounts(address -> address.startsWith("user"));
        ehlo();
        StringBuilder commands = new StringBuilder("MAIL FROM:<sender@remote.example>\r\n");
        for (int i = 0; i <= SmtpSession.MAX_RECIPIENTS; i++) {
            commands.append("RCPT TO:<user").append(i).append("@example.org>\r\n");
        }
        smtp.sendRaw(commands.toString().getBytes(StandardCharsets.US_ASCII));
        smtp.expect("250 2.1.0 Sender ok");
        for (int i = 0; i < SmtpSession.MAX_RECIPIENTS; i++) {
            smtp.expect("250 2.1.5 Recipient ok");
        }
        smtp.expect("452 4.5.3 Too many recipients");
    }

    @Test
    void storeFailureIsATemporaryErrorAndNothingIsAcknowledged() throws Exception {
        store.failDeliveries(true);
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        smtp.send("Subject: x\r\n\r\nbody\r\n.");
        smtp.expect("451 4.3.0 Temporary local problem, try again later");
        assertTrue(store.deliverCalls().isEmpty());
        smtp.send("NOOP");
        smtp.expect("250 2.0.0 Ok");
    }

    @Test
    void bareLineFeedsNeverEndTheData() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        smtp.sendRaw("Subject: smuggle\r\n\r\nx\n.\nMAIL FROM:<evil@example.org>\r\nx\r\n.\n\r\n.\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        smtp.expectStart("250 2.0.0 ");
        smtp.send("NOOP");
        smtp.expect("250 2.0.0 Ok");
        String stored = new String(store.delivered("alice@example.org", "Subject: smuggle"), StandardCharsets.US_ASCII);
        assertTrue(stored.endsWith("\r\nSubject: smuggle\r\n\r\nx\n.\nMAIL FROM:<evil@example.org>\r\nx\r\n\n\r\n"), stored);
    }

    @Test
    void smtpUtf8Addresses() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<用户@例子.广告>");
        smtp.expect("553 5.6.7 Non-ASCII address requires the SMTPUTF8 parameter");
        smtp.send("MAIL FROM:<用户@例子.广告> SMTPUTF8");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<δοκιμή@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("DATA");
        smtp.expectStart("354 ");
        smtp.send("Subject: ok\r\n\r\nbody\r\n.");
        smtp.expectStart("250 2.0.0 ");
        String stored = new String(store.delivered("δοκιμή@example.org", "Subject: ok"), StandardCharsets.UTF_8);
        assertTrue(stored.startsWith("Return-Path: <用户@例子.广告>\r\nDelivered-To: δοκιμή@example.org\r\n"), stored);
        assertTrue(stored.contains(" with UTF8SMTP id "), stored);
    }

    @Test
    void internationalizedDomainsMatchInEitherForm() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example> SMTPUTF8");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<carol@bücher.example>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("RCPT TO:<carol@XN--BCHER-KVA.example>");
        smtp.expect("250 2.1.5 Recipient ok");
        smtp.send("RCPT TO:<dave@bücher.example>");
        smtp.expect("550 5.1.1 No such user here");
    }

    @Test
    void chunksOverTheSizeLimitEndTheTransaction() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        byte[] half = new byte[(int) MAX_SIZE / 2 + 1];
        java.util.Arrays.fill(half, (byte) 'x');
        smtp.send("BDAT " + half.length);
        smtp.sendRaw(half);
        smtp.expect("250 2.0.0 " + half.length + " octets received");
        smtp.send("BDAT " + half.length);
        smtp.sendRaw(half);
        smtp.expect("552 5.3.4 Message size exceeds fixed maximum message size");
        smtp.send("BDAT 3 LAST");
        smtp.sendRaw("abc".getBytes(StandardCharsets.US_ASCII));
        smtp.expect("503 5.5.1 Need MAIL and RCPT before BDAT");
        smtp.send("NOOP");
        smtp.expect("250 2.0.0 Ok");
        assertTrue(store.deliverCalls().isEmpty());
    }

    @Test
    void chunkingDeliversTheOctetsUntouched() throws Exception {
        ehlo();
        smtp.send("MAIL FROM:<sender@remote.example>");
        smtp.expect("250 2.1.0 Sender ok");
        smtp.send("RCPT TO:<alice@example.org>");
        smtp.expect("250 2.1.5 Recipient ok");
        byte[] first = "Subject: chunks\r\n\r\n..dot\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] second = ".\r\nend\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(("BDAT " + first.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(first);
        wire.writeBytes(("BDAT " + second.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(second);
        wire.writeBytes("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
        smtp.sendRaw(wire.toByteArray());
        smtp.expect("250 2.0.0 " + first.length + " octets received");
        smtp.expectStart("250 2.0.0 Ok: message accepted, id ");
        smtp.expect("503 5.5.1 Need MAIL and RCPT before DATA");
        String stored = new String(store.delivered("alice@example.org", "Subject: chunks"), StandardCharsets.US_ASCII);
        assertTrue(stored.endsWith("\r\nSubject: chunks\r\n\r\n..dot\r\n.\r\nend\r\n"), stored);
    }

    @Test
    void refusedBdatStillConsumesItsChunk() throws Exception {
        ehlo();
        smtp.sendRaw("BDAT 12\r\nRSET\r\nQUIT\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        smtp.expect("503 5.5.1 Need MAIL and RCPT before BDAT");
        smtp.expect("250 2.0.0 Ok");
    }

    @Test
    void quitClosesTheConnection() throws Exception {
        smtp.send("QUIT");
        smtp.expect("221 2.0.0 mx.example.org closing connection");
        assertTrue(smtp.isClosedByServer());
    }

    /** RFC 5321 section 4.5.2: a line starting with a dot gets one more. */
    private static byte[] dotStuff(String message) {
        String stuffed = message.startsWith(".") ? "." + message : message;
        return stuffed.replace("\r\n.", "\r\n..").getBytes(StandardCharsets.UTF_8);
    }
}
