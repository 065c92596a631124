// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

/** Ends check_host() early with temperror or permerror (RFC 7208 sections 4.4, 4.6, 4.6.4). */
final class SpfException extends Exception {
    private static final long serialVersionUID = 1L;
    private final SpfResult result;

    SpfException(SpfResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }

    static SpfException permerror(String reason) {
        return new SpfException(SpfResult.PERMERROR, reason);
    }

    static SpfException temperror(String reason) {
        return new SpfException(SpfResult.TEMPERROR, reason);
    }

    SpfResult result() {
        return result;
    }
}
