// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.Map;
import java.util.Objects;

/**
 * Where emails stand in a mailbox listing ({@link MailStore#listingPositions}), read in one
 * snapshot.
 *
 * @param positions the zero-based index of each asked email that is in the listing; the others
 *     are absent
 * @param total how many emails the listing holds
 * @param queryState the Email state the positions were read at
 */
public record ListingPositions(Map<EmailId, Long> positions, long total, State queryState) {
    public ListingPositions {
        positions = Map.copyOf(positions);
        Objects.requireNonNull(queryState, "queryState");
    }
}
