// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import dev.mailkeep.smtp.auth.dkim.DkimResult;
import dev.mailkeep.smtp.auth.dkim.DkimStatus;
import dev.mailkeep.smtp.auth.dmarc.Disposition;
import dev.mailkeep.smtp.auth.dmarc.DmarcOutcome;
import dev.mailkeep.smtp.auth.dmarc.DmarcResult;
import dev.mailkeep.smtp.auth.spf.SpfCheck;
import dev.mailkeep.smtp.auth.spf.SpfResult;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything {@link MessageAuthenticator} found out about one message.
 *
 * @param headers the fields to prepend, each ending in CRLF: Authentication-Results, then Received-SPF
 */
public record AuthenticationVerdict(SpfCheck spf, List<DkimResult> dkim, DmarcOutcome dmarc, List<String> headers,
                                    String authservId) {
    public AuthenticationVerdict {
        dkim = List.copyOf(dkim);
        headers = List.copyOf(headers);
    }

    /** What the DMARC policy asks for: none (deliver), quarantine (Junk) or reject. */
    public Disposition disposition() {
        return dmarc.disposition();
    }

    /**
     * Whether a DNS failure kept a check from a final answer (SPF or DMARC temperror, or a DKIM
     * temperror with no DKIM pass) while DMARC did not pass: the caller should answer 4xx and
     * let the sender retry rather than decide on partial evidence.
     */
    public boolean temporaryFailure() {
        if (dmarc.result() == DmarcResult.PASS) {
            return false;
        }
        boolean dkimPass = dkim.stream().anyMatch(r -> r.status() == DkimStatus.PASS);
        boolean dkimTemp = dkim.stream().anyMatch(r -> r.status() == DkimStatus.TEMPERROR);
        return dmarc.result() == DmarcResult.TEMPERROR || spf.result() == SpfResult.TEMPERROR
                || (dkimTemp && !dkimPass);
    }

    /** The message as it should be stored: our headers first, incoming fields claiming our authserv-id removed (RFC 8601 section 5). */
    public byte[] applyTo(byte[] message) {
        byte[] cleaned = ClaimedResults.remove(message, authservId);
        byte[] head = String.join("", headers).getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + cleaned.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(cleaned, 0, out, head.length, cleaned.length);
        return out;
    }
}
