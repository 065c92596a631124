// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import java.util.Objects;

/**
 * The DMARC verdict on one message.
 *
 * @param fromDomain the RFC5322.From domain, or null when there was none to evaluate
 * @param record the policy found, or null
 * @param policyDomain where the record was found (the From domain or its organizational domain)
 * @param disposition what to do with the message: {@code NONE} unless the result is fail and
 *     the policy (after sp= and pct=) says otherwise
 * @param spfAligned SPF passed for a domain aligned with the From domain
 * @param dkimAligned a DKIM signature passed for a domain aligned with the From domain
 */
public record DmarcOutcome(DmarcResult result, String fromDomain, DmarcRecord record, String policyDomain,
                           Disposition disposition, boolean spfAligned, boolean dkimAligned, String reason) {
    public DmarcOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(reason, "reason");
    }

    static DmarcOutcome without(DmarcResult result, String fromDomain, String reason) {
        return new DmarcOutcome(result, fromDomain, null, null, Disposition.NONE, false, false, reason);
    }
}
