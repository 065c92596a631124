// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailkeep.jmap.protocol.MethodError;
import dev.mailkeep.jmap.protocol.MethodException;
import java.util.List;

/**
 * Which slice of a query's results to return (RFC 8620 section 5.5): {@code position} (negative
 * counts from the end), or {@code anchor} with {@code anchorOffset}; then {@code limit}, capped by
 * the server; and whether to return the {@code total}.
 *
 * @param limit null when the client set none
 */
public record QueryWindow(long position, String anchor, long anchorOffset, Long limit, boolean calculateTotal) {

    public static QueryWindow read(Args args) {
        long position = args.integer("position", 0);
        String anchor = args.get("anchor") == null ? null : args.requiredString("anchor");
        long anchorOffset = args.integer("anchorOffset", 0);
        Long limit = args.get("limit") == null ? null : args.unsignedInteger("limit", 0);
        return new QueryWindow(position, anchor, anchorOffset, limit, args.bool("calculateTotal", false));
    }

    /**
     * Writes {@code position}, {@code ids}, and when due {@code total} and {@code limit}, taking
     * the slice out of the complete ordered result.
     */
    public void write(ObjectNode response, List<String> results, int maxLimit) {
        int total = results.size();
        long start;
        if (anchor != null) {
            int index = results.indexOf(anchor);
            if (index < 0) {
                throw new MethodException(new MethodError("anchorNotFound", "the anchor is not in the results"));
            }
            start = Math.max(0, index + anchorOffset);
        } else {
            start = position < 0 ? Math.max(0, total + position) : position;
        }
        long count = limit == null ? maxLimit : Math.min(limit, maxLimit);
        int from = (int) Math.min(start, total);
        int to = (int) Math.min(total, from + count);
        response.put("position", start);
        ArrayNode ids = response.putArray("ids");
        results.subList(from, to).forEach(ids::add);
        if (calculateTotal) {
            response.put("total", total);
        }
        if (limit == null || limit > maxLimit) {
            response.put("limit", maxLimit);
        }
    }
}
