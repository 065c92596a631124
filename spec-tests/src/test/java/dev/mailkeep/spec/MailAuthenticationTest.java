// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.spec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailkeep.smtp.auth.dkim.DkimKeys;
import dev.mailkeep.smtp.auth.dkim.DkimSigner;
import dev.mailkeep.smtp.auth.dkim.DkimSigningKey;
import dev.mailkeep.smtp.dns.LoopbackDnsServer;
import dev.mailkeep.spec.MailkeepProcess.CliResult;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/**
 * SPF, DKIM and DMARC on the running server, against a DNS server on loopback that the
 * configuration points at ({@code dns_resolvers}), with loopback not trusted: DMARC policies
 * decide Inbox, Junk or refusal, and {@code mailkeep check-message} tells the same story.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailAuthenticationTest {
    static final String ALICE = "alice@example.test";
    static final String PASSWORD = "alice's password";

    @TempDir
    static Path work;

    LoopbackDnsServer dns;
    MailkeepProcess mailkeep;
    Jmap alice;
    DkimSigner signer;

    @BeforeAll
    void start() throws Exception {
        dns = new LoopbackDnsServer();
        txt("spf-ok.example.", "v=spf1 ip4:127.0.0.1 -all");
        txt("_dmarc.spf-ok.example.", "v=DMARC1; p=reject");
        txt("strict.example.", "v=spf1 ip4:192.0.2.1 -all");
        txt("_dmarc.strict.example.", "v=DMARC1; p=reject");
        txt("careful.example.", "v=spf1 ip4:192.0.2.1 -all");
        txt("_dmarc.careful.example.", "v=DMARC1; p=quarantine");
        KeyPair key = DkimKeys.generate(0);
        signer = new DkimSigner(List.of(new DkimSigningKey("signed.example", "mk1", key.getPrivate())));
        txt("mk1._domainkey.signed.example.", DkimKeys.keyRecord(key.getPrivate()));
        txt("_dmarc.signed.example.", "v=DMARC1; p=reject");

        String resolver = "127.0.0.1:" + dns.address().getPort();
        mailkeep = new MailkeepProcess(work, "dns_resolvers = [\"" + resolver + "\"]\ntrusted_networks = []\n");
        assertEquals(0, mailkeep.cli(PASSWORD + "\n", "user", "add", ALICE, "--password-stdin").exitCode());
        mailkeep.start();
        alice = new Jmap(mailkeep.baseUrl(), ALICE, PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (mailkeep != null) {
            mailkeep.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private void txt(String name, String text) throws Exception {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            strings.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        dns.add(new TXTRecord(Name.fromString(name), DClass.IN, 300, strings));
    }

    static byte[] message(String fromDomain, String subject) {
        return ("From: Sender <news@" + fromDomain + ">\r\nTo: alice@example.test\r\nSubject: " + subject
                + "\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + subject + "@" + fromDomain
                + ">\r\n\r\nHello Alice.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private String send(String mailFrom, byte[] message) throws Exception {
        try (SmtpDialogue smtp = new SmtpDialogue(mailkeep.port("smtp"))) {
            smtp.expect("220");
            smtp.send("EHLO client.example").expect("250 ");
            smtp.send("MAIL FROM:<" + mailFrom + ">").expect("250 2.1.0");
            smtp.send("RCPT TO:<" + ALICE + ">").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.sendRaw(message).sendRaw(".\r\n".getBytes(StandardCharsets.US_ASCII));
            return smtp.reply();
        }
    }

    private Map<String, Object> emailWithSubject(String subject) {
        String account = FirstMailTest.accountId(alice);
        JsonPath r = alice.call("""
                [["Email/query", {"accountId": "%1$s"}, "q"],
                 ["Email/get", {"accountId": "%1$s", "#ids": {"resultOf": "q", "name": "Email/query", "path": "/ids"},
                   "properties": ["subject", "mailboxIds"]}, "g"]]
                """.formatted(account));
        List<Map<String, Object>> list = r.getList("methodResponses[1][1].list");
        return list.stream().filter(e -> subject.equals(e.get("subject"))).findFirst()
                .orElseThrow(() -> new AssertionError("no email with subject " + subject + " in " + list));
    }

    @SuppressWarnings("unchecked")
    private String roleOf(Map<String, Object> email) {
        String mailboxId = ((Map<String, Object>) email.get("mailboxIds")).keySet().iterator().next();
        JsonPath r = alice.call("[[\"Mailbox/get\", {\"accountId\": \"" + FirstMailTest.accountId(alice)
                + "\", \"ids\": [\"" + mailboxId + "\"], \"properties\": [\"role\"]}, \"0\"]]");
        return r.getString("methodResponses[0][1].list[0].role");
    }

    @Test
    void alignedSpfPassReachesTheInbox() throws Exception {
        assertThat(send("news@spf-ok.example", message("spf-ok.example", "spf-ok")), containsString("250 2.0.0"));
        assertEquals("inbox", roleOf(emailWithSubject("spf-ok")));
    }

    @Test
    void alignedDkimPassReachesTheInboxEvenWithoutSpf() throws Exception {
        byte[] signed = signer.signAndPrepend(message("signed.example", "dkim-ok"));
        assertThat(send("bounces@unrelated.example", signed), containsString("250 2.0.0"));
        assertEquals("inbox", roleOf(emailWithSubject("dkim-ok")));
    }

    @Test
    void dmarcRejectIsRefusedAtDataTime() throws Exception {
        String reply = send("news@strict.example", message("strict.example", "strict"));
        assertThat(reply, containsString("550 5.7.26"));
        assertThat(reply, containsString("strict.example"));
    }

    @Test
    void dmarcQuarantineLandsInJunk() throws Exception {
        assertThat(send("news@careful.example", message("careful.example", "careful")), containsString("250 2.0.0"));
        assertEquals("junk", roleOf(emailWithSubject("careful")));
    }

    @Test
    void checkMessagePrintsTheVerdictWithReasons() throws Exception {
        Path file = work.resolve("signed.eml");
        Files.write(file, signer.signAndPrepend(message("signed.example", "cli")));
        CliResult pass = mailkeep.cli(null, "check-message", file.toString(),
                "--ip", "192.0.2.7", "--helo", "client.example", "--mail-from", "bounces@unrelated.example");
        assertEquals(0, pass.exitCode(), pass.stderr());
        assertThat(pass.stdout(), containsString("Authentication-Results: mx.example.test;"));
        assertThat(pass.stdout(), containsString("dkim=pass"));
        assertThat(pass.stdout(), containsString("header.d=signed.example"));
        assertThat(pass.stdout(), containsString("dmarc=pass"));
        assertThat(pass.stdout(), containsString("disposition: none"));

        Files.write(file, message("strict.example", "cli-fail"));
        CliResult fail = mailkeep.cli(null, "check-message", file.toString(),
                "--ip", "192.0.2.7", "--helo", "client.example", "--mail-from", "news@strict.example");
        assertEquals(0, fail.exitCode(), fail.stderr());
        assertThat(fail.stdout(), containsString("spf=fail"));
        assertThat(fail.stdout(), containsString("dmarc=fail"));
        assertThat(fail.stdout(), containsString("disposition: reject"));
    }
}
