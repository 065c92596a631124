// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.cli;

import dev.mailkeep.server.Dns;
import dev.mailkeep.server.config.MailkeepConfig;
import dev.mailkeep.smtp.auth.AuthenticationVerdict;
import dev.mailkeep.smtp.auth.MessageAuthenticator;
import dev.mailkeep.smtp.auth.dkim.DkimResult;
import dev.mailkeep.smtp.auth.dmarc.DmarcOutcome;
import dev.mailkeep.smtp.auth.spf.SpfCheck;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailkeep check-message}: the SPF, DKIM and DMARC checks the SMTP server would run on a
 * message, with live DNS (or the configured resolvers), printed as the Authentication-Results and
 * Received-SPF fields it would add, followed by the reasons.
 */
@Command(name = "check-message", mixinStandardHelpOptions = true,
        description = "Print the Authentication-Results Mailkeep would add to a message, with the reasons.")
final class CheckMessageCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the message as received (RFC 5322, CRLF or LF line ends)")
    Path file;

    @Option(names = "--ip", required = true, paramLabel = "IP", description = "the SMTP client's address")
    String ip;

    @Option(names = "--helo", required = true, paramLabel = "NAME", description = "the client's HELO/EHLO name")
    String helo;

    @Option(names = "--mail-from", required = true, paramLabel = "ADDR",
            description = "the MAIL FROM address; \"\" for a bounce (null reverse-path)")
    String mailFrom;

    @Override
    public Integer call() throws Exception {
        MailkeepConfig config = common.load();
        InetAddress client = parseIp(ip);
        byte[] message = Files.readAllBytes(file);
        String from = mailFrom.startsWith("<") && mailFrom.endsWith(">") ? mailFrom.substring(1, mailFrom.length() - 1) : mailFrom;
        AuthenticationVerdict verdict = new MessageAuthenticator(Dns.resolver(config), config.hostname())
                .check(message, client, helo, from);
        PrintWriter out = spec.commandLine().getOut();
        verdict.headers().forEach(out::print);
        out.println();
        printReasons(out, verdict);
        out.flush();
        return 0;
    }

    private static void printReasons(PrintWriter out, AuthenticationVerdict verdict) {
        SpfCheck spf = verdict.spf();
        out.printf("spf: %s for %s (identity %s): %s%n", spf.result().name().toLowerCase(java.util.Locale.ROOT),
                spf.domain(), spf.identity(), spf.outcome().reason());
        if (spf.outcome().explanation() != null) {
            out.printf("spf explanation: %s%n", spf.outcome().explanation());
        }
        if (verdict.dkim().isEmpty()) {
            out.println("dkim: none: the message has no DKIM-Signature");
        }
        for (DkimResult dkim : verdict.dkim()) {
            out.printf("dkim: %s d=%s s=%s a=%s%s: %s%n", dkim.status().name().toLowerCase(java.util.Locale.ROOT),
                    dkim.domain(), dkim.selector(), dkim.algorithm(),
                    dkim.keyBits() > 0 ? " (" + dkim.keyBits() + "-bit key)" : "", dkim.reason());
        }
        DmarcOutcome dmarc = verdict.dmarc();
        out.printf("dmarc: %s for header.from=%s (policy domain %s, spf %saligned, dkim %saligned): %s%n",
                dmarc.result().name().toLowerCase(java.util.Locale.ROOT), dmarc.fromDomain(), dmarc.policyDomain(),
                dmarc.spfAligned() ? "" : "not ", dmarc.dkimAligned() ? "" : "not ", dmarc.reason());
        out.printf("disposition: %s%s%n", dmarc.disposition().keyword(),
                verdict.temporaryFailure() ? " (the SMTP server would answer 451: a DNS failure left it undecided)" : "");
    }

    private static InetAddress parseIp(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("--ip: \"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--ip: \"" + text + "\" is not an IP address");
        }
    }
}
