// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server.admin;

/** An administrative request was refused; the message says why, for the operator. */
public final class AdminException extends Exception {
    public AdminException(String message) {
        super(message);
    }

    public AdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
