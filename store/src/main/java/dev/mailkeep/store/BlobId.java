// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The id of a blob; URL-safe, usable as a JMAP Id as it is. */
public record BlobId(String value) {
    public BlobId {
        Id.check("blob", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
