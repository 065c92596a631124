// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dmarc;

import java.util.Locale;

/** DMARC results as Authentication-Results writes them, RFC 7489 section 11.2 and RFC 8601 section 2.7. */
public enum DmarcResult {
    NONE, PASS, FAIL, TEMPERROR, PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
