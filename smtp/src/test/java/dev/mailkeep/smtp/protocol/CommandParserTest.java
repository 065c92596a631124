// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.mailkeep.smtp.protocol.SmtpCommand.Auth;
import dev.mailkeep.smtp.protocol.SmtpCommand.Bdat;
import dev.mailkeep.smtp.protocol.SmtpCommand.Hello;
import dev.mailkeep.smtp.protocol.SmtpCommand.Mail;
import dev.mailkeep.smtp.protocol.SmtpCommand.Rcpt;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private static SmtpCommand parsed(String line) {
        return assertInstanceOf(ParseResult.Parsed.class, CommandParser.parse(line), line).command();
    }

    private static String invalid(String line) {
        return assertInstanceOf(ParseResult.Invalid.class, CommandParser.parse(line), line).reply().toString();
    }

    @Test
    void verbsAreCaseInsensitive() {
        assertEquals(new Hello("client.example", true), parsed("ehlo client.example"));
        assertEquals(new Hello("[192.0.2.1]", false), parsed("HeLo [192.0.2.1]"));
        assertEquals(new SmtpCommand.Data(), parsed("data"));
        assertEquals(new SmtpCommand.Quit(), parsed("Quit"));
        assertEquals(new SmtpCommand.Noop(), parsed("NOOP anything goes"));
        assertEquals(new SmtpCommand.StartTls(), parsed("starttls"));
    }

    /** Paths from RFC 5321 section 4.1.2 and RFC 6531 section 3.3, with the mailbox each one names. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RCPT TO:<alice@example.org>                  | alice                | example.org",
        "RCPT TO:<Alice.Smith+tag@Example.ORG>        | Alice.Smith+tag      | Example.ORG",
        "rcpt to:<a!#$%&'*+-/=?^_`{}~@x.example>       | a!#$%&'*+-/=?^_`{}~  | x.example",
        "RCPT TO: <spaced@example.org>                | spaced               | example.org",
        "RCPT TO:<\"john doe\"@example.org>           | john doe             | example.org",
        "RCPT TO:<\"quote\\\"d\\\\\"@example.org>     | quote\"d\\           | example.org",
        "RCPT TO:<@relay.example,@other.example:bob@example.org> | bob    | example.org",
        "RCPT TO:<postmaster@[192.0.2.1]>             | postmaster           | [192.0.2.1]",
        "RCPT TO:<x@[IPv6:2001:db8::1]>               | x                    | [IPv6:2001:db8::1]",
        "RCPT TO:<δοκιμή@παράδειγμα.δοκιμή>           | δοκιμή               | παράδειγμα.δοκιμή",
        "RCPT TO:<用户@例子.广告>                      | 用户                 | 例子.广告",
        "RCPT TO:<a-b@x-1.example>                    | a-b                  | x-1.example",
    })
    void parsesRecipientPaths(String line, String localPart, String domain) {
        assertEquals(new Rcpt(new Mailbox(localPart, domain)), parsed(line.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "RCPT TO:alice@example.org",
        "RCPT TO:<alice@example.org",
        "RCPT TO:<alice>",
        "RCPT TO:<>",
        "RCPT TO:<@example.org>",
        "RCPT TO:<a..b@example.org>",
        "RCPT TO:<.a@example.org>",
        "RCPT TO:<a.@example.org>",
        "RCPT TO:<a b@example.org>",
        "RCPT TO:<a@-example.org>",
        "RCPT TO:<a@example-.org>",
        "RCPT TO:<a@example..org>",
        "RCPT TO:<a@[300.1.1.1]>",
        "RCPT TO:<a@[1.2.3]>",
        "RCPT TO:<\"unterminated@example.org>",
        "RCPT TO:<a@example.org>junk",
        "RCPT FROM:<a@example.org>",
        "RCPT",
    })
    void refusesMalformedRecipients(String line) {
        assertEquals("501 5.5.4 Syntax: RCPT TO:<address>", invalid(line));
    }

    @Test
    void rcptParametersAreNotSupported() {
        assertEquals("555 5.5.4 Parameter not supported: NOTIFY", invalid("RCPT TO:<a@example.org> NOTIFY=NEVER"));
    }

    @Test
    void mailWithParameters() {
        Mailbox sender = new Mailbox("a", "example.org");
        assertEquals(new Mail(Optional.of(sender), MailParameters.NONE), parsed("MAIL FROM:<a@example.org>"));
        assertEquals(new Mail(Optional.empty(), MailParameters.NONE), parsed("MAIL FROM:<>"));
        assertEquals(new Mail(Optional.of(sender),
                        new MailParameters(OptionalLong.of(12345), MailParameters.Body.EIGHT_BIT_MIME, true)),
                parsed("MAIL FROM:<a@example.org> size=12345 BODY=8bitmime SMTPUTF8"));
        assertEquals(new Mail(Optional.of(sender), MailParameters.NONE),
                parsed("MAIL FROM:<a@example.org> BODY=7BIT AUTH=<>"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MAIL FROM:a@example.org                        | 501 5.5.4 Syntax: MAIL FROM:<address> [parameters]",
        "MAIL TO:<a@example.org>                        | 501 5.5.4 Syntax: MAIL FROM:<address> [parameters]",
        "MAIL FROM:<a@example.org>  SIZE=1              | 501 5.5.4 Syntax: MAIL FROM:<address> [parameters]",
        "MAIL FROM:<a@example.org> SIZE=1 SIZE=2        | 501 5.5.4 Syntax: MAIL FROM:<address> [parameters]",
        "MAIL FROM:<a@example.org> SIZE=big             | 501 5.5.4 Syntax: SIZE=<octets>",
        "MAIL FROM:<a@example.org> SMTPUTF8=yes         | 501 5.5.4 Syntax: SMTPUTF8 takes no value",
        "MAIL FROM:<a@example.org> BODY=BINARYMIME      | 555 5.5.4 Parameter not supported: BODY=BINARYMIME",
        "MAIL FROM:<a@example.org> RET=HDRS             | 555 5.5.4 Parameter not supported: RET",
    })
    void refusesMalformedMail(String line, String reply) {
        assertEquals(reply, invalid(line));
    }

    @Test
    void otherCommands() {
        assertEquals(new Bdat(1000, false), parsed("BDAT 1000"));
        assertEquals(new Bdat(0, true), parsed("bdat 0 last"));
        assertEquals(new Auth("PLAIN", null), parsed("AUTH plain"));
        assertEquals(new Auth("PLAIN", "AGFsaWNlAHB3"), parsed("AUTH PLAIN AGFsaWNlAHB3"));
        assertEquals(new Auth("LOGIN", "="), parsed("AUTH LOGIN ="));
        assertEquals(new SmtpCommand.Vrfy("alice"), parsed("VRFY alice"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "EHLO                  | 501 5.5.4 Syntax: EHLO <domain>",
        "HELO a b              | 501 5.5.4 Syntax: HELO <domain>",
        "DATA now              | 501 5.5.4 Syntax: DATA",
        "STARTTLS please       | 501 5.5.4 Syntax: STARTTLS",
        "BDAT                  | 501 5.5.4 Syntax: BDAT <size> [LAST]",
        "BDAT -1               | 501 5.5.4 Syntax: BDAT <size> [LAST]",
        "BDAT 10 FIRST         | 501 5.5.4 Syntax: BDAT <size> [LAST]",
        "AUTH                  | 501 5.5.4 Syntax: AUTH <mechanism> [initial-response]",
        "AUTH PLAIN not*base64 | 501 5.5.4 Syntax: AUTH <mechanism> [initial-response]",
        "VRFY                  | 501 5.5.4 Syntax: VRFY <string>",
        "EXPN list             | 502 5.5.1 Command not implemented",
        "TURN                  | 502 5.5.1 Command not implemented",
        "GET / HTTP/1.1        | 500 5.5.1 Command unrecognized",
        "''                    | 500 5.5.1 Command unrecognized",
    })
    void refusesOtherMalformedLines(String line, String reply) {
        assertEquals(reply, invalid(line));
    }
}
