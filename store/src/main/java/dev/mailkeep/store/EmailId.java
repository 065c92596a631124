// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The id of a email; URL-safe, usable as a JMAP Id as it is. */
public record EmailId(String value) {
    public EmailId {
        Id.check("email", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
