// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.List;

/**
 * A full Email/query (RFC 8621 section 4.4): a filter (null: all emails), sort comparators (empty:
 * receivedAt descending), and the slice to return.
 */
public record EmailSearch(EmailFilter filter, List<EmailSort> sort, int position, int limit) {
    public EmailSearch {
        sort = sort == null || sort.isEmpty() ? List.of(EmailSort.newestFirst()) : List.copyOf(sort);
        if (position < 0 || limit < 0) {
            throw new IllegalArgumentException("position and limit must be >= 0");
        }
    }
}
