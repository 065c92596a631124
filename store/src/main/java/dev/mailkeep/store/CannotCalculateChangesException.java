// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The client's state is malformed, from the future, or older than the retained change log. */
public final class CannotCalculateChangesException extends Exception {
    public CannotCalculateChangesException(String message) {
        super(message);
    }
}
