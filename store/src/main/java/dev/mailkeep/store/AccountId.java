// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The id of a account; URL-safe, usable as a JMAP Id as it is. */
public record AccountId(String value) {
    public AccountId {
        Id.check("account", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
