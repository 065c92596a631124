// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer to a {@code Range} request header (RFC 9110 section 14) for a representation of a
 * known size. Only a single byte range is served partially; anything else (several ranges, other
 * units, a malformed header) gets the whole representation, which RFC 9110 allows.
 */
sealed interface ByteRange {
    /** Send everything with 200. */
    record Whole() implements ByteRange {}

    /** Send bytes {@code first} to {@code last} inclusive with 206. */
    record Part(long first, long last) implements ByteRange {
        long length() {
            return last - first + 1;
        }
    }

    /** The range lies outside the representation: 416. */
    record Unsatisfiable() implements ByteRange {}

    Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d{0,18})-(\\d{0,18})\\s*");

    static ByteRange of(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size) {
            return new Unsatisfiable();
        }
        if (last < first) {
            return new Whole();
        }
        return new Part(first, last);
    }
}
