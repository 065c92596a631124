// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The id of a sending identity; URL-safe, usable as a JMAP Id as it is. */
public record IdentityId(String value) {
    public IdentityId {
        Id.check("identity", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
