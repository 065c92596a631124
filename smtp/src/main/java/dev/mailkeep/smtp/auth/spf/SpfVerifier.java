// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import dev.mailkeep.smtp.dns.DnsResolver;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Locale;

/**
 * SPF verification (RFC 7208) of an SMTP client. {@link #check} chooses the identity:
 * MAIL FROM, or the HELO name when MAIL FROM is empty (section 2.4); {@link #checkHost} is
 * the check_host() function itself. Thread-safe; calls block on DNS.
 */
public final class SpfVerifier {
    private final SpfEvaluator evaluator;
    private final String receiver;
    private final Clock clock;
    private final DnsResolver dns;

    /**
     * @param receiver this host's domain name, the %{r} macro of explanations (section 7.2)
     */
    public SpfVerifier(DnsResolver dns, String receiver, Clock clock) {
        this.dns = dns;
        this.evaluator = new SpfEvaluator(dns);
        this.receiver = receiver == null || receiver.isEmpty() ? "unknown" : receiver;
        this.clock = clock;
    }

    public SpfVerifier(DnsResolver dns, String receiver) {
        this(dns, receiver, Clock.systemUTC());
    }

    /**
     * Checks the MAIL FROM identity, or the HELO identity for a null reverse-path (section 2.4).
     *
     * @param mailFrom the reverse-path without angle brackets; "" or null for {@code <>}
     */
    public SpfCheck check(InetAddress client, String helo, String mailFrom) {
        String heloName = helo == null ? "" : helo;
        boolean useHelo = mailFrom == null || mailFrom.isEmpty();
        String sender;
        String domain;
        if (useHelo) {
            domain = heloName;
            sender = "postmaster@" + heloName;
        } else {
            int at = mailFrom.lastIndexOf('@');
            domain = at < 0 ? mailFrom : mailFrom.substring(at + 1);
            String local = at <= 0 ? "postmaster" : mailFrom.substring(0, at);
            sender = local + "@" + domain;
        }
        SpfOutcome outcome = checkHost(client, domain, sender, heloName);
        return new SpfCheck(useHelo ? "helo" : "mailfrom", sender, domain.toLowerCase(Locale.ROOT), client,
                heloName, outcome);
    }

    /** check_host(ip, domain, sender), RFC 7208 section 4.1; {@code helo} feeds the %{h} macro. */
    public SpfOutcome checkHost(InetAddress ip, String domain, String sender, String helo) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        MacroContext ctx = new MacroContext(ip, sender, d, helo, receiver, clock.instant().getEpochSecond(),
                current -> ValidatedNames.forMacro(dns, ip, current));
        return evaluator.checkHost(ctx);
    }
}
