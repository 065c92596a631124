// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** An account with this address already exists. */
public final class AccountExistsException extends Exception {
    public AccountExistsException(String address) {
        super("account already exists: " + address);
    }
}
