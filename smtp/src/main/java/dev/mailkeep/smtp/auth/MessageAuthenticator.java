// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import dev.mailkeep.smtp.auth.dkim.DkimResult;
import dev.mailkeep.smtp.auth.dkim.DkimVerifier;
import dev.mailkeep.smtp.auth.dmarc.DmarcOutcome;
import dev.mailkeep.smtp.auth.dmarc.DmarcVerifier;
import dev.mailkeep.smtp.auth.dmarc.PublicSuffixList;
import dev.mailkeep.smtp.auth.message.RawMessage;
import dev.mailkeep.smtp.auth.spf.SpfCheck;
import dev.mailkeep.smtp.auth.spf.SpfVerifier;
import dev.mailkeep.smtp.dns.DnsResolver;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * The one call the SMTP server and the command line make for a received message: SPF on the
 * envelope (RFC 7208), DKIM on the message (RFC 6376, RFC 8463), DMARC over both (RFC 7489),
 * rendered as Authentication-Results (RFC 8601) and Received-SPF (RFC 7208 section 9.1).
 * Blocks on DNS; call it on a virtual thread. Thread-safe.
 */
public final class MessageAuthenticator {
    private final String authservId;
    private final SpfVerifier spf;
    private final DkimVerifier dkim;
    private final DmarcVerifier dmarc;

    /**
     * @param authservId this server's name in Authentication-Results, also the receiver in
     *     Received-SPF and the %{r} of SPF explanations
     * @param maxSignatures how many DKIM signatures to check per message
     * @param percentile 0..99 draws for DMARC pct= sampling
     */
    public MessageAuthenticator(DnsResolver dns, String authservId, Clock clock, int maxSignatures,
                                PublicSuffixList psl, IntSupplier percentile) {
        this.authservId = authservId;
        this.spf = new SpfVerifier(dns, authservId, clock);
        this.dkim = new DkimVerifier(dns, clock, maxSignatures);
        this.dmarc = new DmarcVerifier(dns, psl, percentile);
    }

    /** System clock, up to 5 DKIM signatures, the bundled Public Suffix List, random pct= sampling. */
    public MessageAuthenticator(DnsResolver dns, String authservId) {
        this(dns, authservId, Clock.systemUTC(), 5, PublicSuffixList.bundled(),
                () -> ThreadLocalRandom.current().nextInt(100));
    }

    /**
     * @param message the message as received in DATA/BDAT (CRLF line ends; bare LF is tolerated)
     * @param client the SMTP client's address
     * @param helo the HELO/EHLO argument
     * @param mailFrom the MAIL FROM reverse-path without angle brackets, "" for the null path
     */
    public AuthenticationVerdict check(byte[] message, InetAddress client, String helo, String mailFrom) {
        RawMessage m = RawMessage.parse(message);
        SpfCheck spfCheck = spf.check(client, helo, mailFrom);
        List<DkimResult> dkimResults = dkim.verify(m);
        DmarcOutcome dmarcOutcome = dmarc.verify(m, spfCheck, dkimResults);
        List<String> headers = List.of(
                AuthenticationResults.render(authservId, spfCheck, dkimResults, dmarcOutcome),
                ReceivedSpf.render(spfCheck, authservId, mailFrom));
        return new AuthenticationVerdict(spfCheck, dkimResults, dmarcOutcome, headers, authservId);
    }
}
