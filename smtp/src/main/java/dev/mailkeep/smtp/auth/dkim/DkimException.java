// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.dkim;

/** Stops the verification of one signature with a status and a reason. */
final class DkimException extends Exception {
    private static final long serialVersionUID = 1L;
    private final DkimStatus status;

    DkimException(DkimStatus status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    DkimStatus status() {
        return status;
    }
}
