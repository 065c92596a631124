// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailkeep.smtp.testing.RecordingStore;
import dev.mailkeep.smtp.testing.SmtpTestClient;
import dev.mailkeep.smtp.testing.TestTls;
import dev.mailkeep.store.account.LoginLimits;
import dev.mailkeep.store.account.LoginThrottle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed SMTP AUTH attempts count in the limiter the server shares with JMAP: per user across
 * connections, and per client address across users; while held, AUTH answers 454 without
 * checking the password.
 */
class AuthThrottleDialogueTest {
    private static final String HOST = "mail.example.org";

    @TempDir
    Path folder;
    private RecordingStore store;
    private TestTls tls;
    private LoginThrottle logins;
    private SmtpServer server;

    @BeforeEach
    void start() throws Exception {
        store = new RecordingStore(folder);
        store.createAccount("alice@example.org", "alice-pw");
        store.createAccount("bob@example.org", "bob-pw");
        tls = TestTls.selfSigned(HOST);
        logins = new LoginThrottle(new LoginLimits(3, 5, Duration.ofMinutes(10)));
        server = SmtpServer.start(new SmtpSettings(HOST, Set.of("example.org"), 100_000, tls.server(), logins),
                List.of(new SmtpListener("submission", new InetSocketAddress("127.0.0.1", 0), SmtpMode.SUBMISSION)),
                store.store());
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private SmtpTestClient connect() throws IOException {
        SmtpTestClient smtp = SmtpTestClient.connect(server.boundAddresses().get("submission"));
        smtp.expectStart("220 ");
        smtp.send("EHLO client.example");
        smtp.readReply();
        smtp.send("STARTTLS");
        smtp.expectStart("220 ");
        smtp.startTls(tls.client());
        smtp.send("EHLO client.example");
        smtp.readReply();
        return smtp;
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUserGuessedAtIsHeldAcrossConnectionsEvenWithTheRightPassword() throws Exception {
        try (SmtpTestClient smtp = connect()) {
            smtp.send("AUTH PLAIN " + plain("alice@example.org", "guess-1"));
            smtp.expect("535 5.7.8 Authentication credentials invalid");
            smtp.send("AUTH PLAIN " + plain("alice@example.org", "guess-2"));
            smtp.expect("535 5.7.8 Authentication credentials invalid");
        }
        try (SmtpTestClient smtp = connect()) {
            smtp.send("AUTH PLAIN " + plain("ALICE@example.org", "guess-3"));
            smtp.expect("535 5.7.8 Authentication credentials invalid");
            smtp.send("AUTH PLAIN " + plain("alice@example.org", "alice-pw"));
            smtp.expectStart("454 4.7.0 Too many failed logins, try again in ");
        }
        try (SmtpTestClient smtp = connect()) {
            smtp.send("AUTH PLAIN " + plain("alice@example.org", "alice-pw"));
            smtp.expectStart("454 4.7.0 ");
            smtp.send("AUTH PLAIN " + plain("bob@example.org", "bob-pw"));
            smtp.expect("235 2.7.0 Authentication successful");
        }
        assertTrue(logins.retryAfterSeconds("203.0.113.9", "alice@example.org") > 0,
                "the hold is the shared limiter's: JMAP sees it too");
    }

    @Test
    void aClientTryingManyUsersIsHeldForEveryUser() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (SmtpTestClient smtp = connect()) {
                smtp.send("AUTH PLAIN " + plain("user" + i + "@example.org", "guess"));
                smtp.expect("535 5.7.8 Authentication credentials invalid");
            }
        }
        try (SmtpTestClient smtp = connect()) {
            smtp.send("AUTH PLAIN " + plain("bob@example.org", "bob-pw"));
            smtp.expectStart("454 4.7.0 ");
        }
        assertEquals(0, logins.retryAfterSeconds("198.51.100.7", "bob@example.org"), "other clients may still log in");
    }

    @Test
    void failuresOnOtherProtocolsCountHere() throws Exception {
        for (int i = 0; i < 3; i++) {
            logins.failed("127.0.0.1", "bob@example.org"); // as JMAP records a wrong Basic password
        }
        try (SmtpTestClient smtp = connect()) {
            smtp.send("AUTH PLAIN " + plain("bob@example.org", "bob-pw"));
            smtp.expectStart("454 4.7.0 ");
        }
    }
}
