// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

/** What happened to one id in one committed transaction. */
enum ChangeKind {
    CREATED, UPDATED, DESTROYED;

    /** The net effect of this change followed by {@code later} in the same transaction; null: none. */
    ChangeKind then(ChangeKind later) {
        return switch (this) {
            case CREATED -> later == DESTROYED ? null : CREATED;
            case UPDATED -> later == DESTROYED ? DESTROYED : UPDATED;
            case DESTROYED -> later == CREATED ? UPDATED : DESTROYED;
        };
    }
}
