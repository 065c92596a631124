// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.List;

/**
 * The ids that changed in one data type between two states (RFC 8620 section 5.2). Each id is in
 * at most one list: an id created and destroyed within the range is in none (or only in
 * destroyed, which RFC 8620 also allows); one created and updated is only in created.
 *
 * @param newState the state the lists bring a client to; equals the current state unless
 *     {@code hasMoreChanges}
 */
public record Changes(
        State oldState,
        State newState,
        boolean hasMoreChanges,
        List<String> created,
        List<String> updated,
        List<String> destroyed) {
    public Changes {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        destroyed = List.copyOf(destroyed);
    }
}
