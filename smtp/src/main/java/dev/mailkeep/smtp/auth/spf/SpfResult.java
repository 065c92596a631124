// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.util.Locale;

/** The results of check_host(), RFC 7208 section 2.6. */
public enum SpfResult {
    NONE, NEUTRAL, PASS, FAIL, SOFTFAIL, TEMPERROR, PERMERROR;

    /** The lower-case keyword used in Received-SPF and Authentication-Results (RFC 7208 section 9, RFC 8601 section 2.7.2). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
