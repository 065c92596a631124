// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

/** The id of a thread; URL-safe, usable as a JMAP Id as it is. */
public record ThreadId(String value) {
    public ThreadId {
        Id.check("thread", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
