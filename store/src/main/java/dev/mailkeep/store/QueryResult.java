// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import java.util.List;

/**
 * @param ids the ids in the requested slice, in query order
 * @param position the index of the first id within the whole result
 * @param total the number of emails the whole query matches
 * @param queryState the Email state the result was computed at
 */
public record QueryResult(List<EmailId> ids, int position, long total, State queryState) {
    public QueryResult {
        ids = List.copyOf(ids);
    }
}
