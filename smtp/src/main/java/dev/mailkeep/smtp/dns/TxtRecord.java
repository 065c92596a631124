// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

import java.util.List;

/**
 * One TXT resource record: its character-strings (RFC 1035 section 3.3.14) in order.
 * Each string holds the octets of the record as characters U+0000..U+00FF (ISO-8859-1),
 * so code that must reject non-ASCII content (RFC 7208 section 3.1) can see every octet.
 */
public record TxtRecord(List<String> strings) {
    public TxtRecord {
        strings = List.copyOf(strings);
    }

    public static TxtRecord of(String... strings) {
        return new TxtRecord(List.of(strings));
    }

    /** The strings joined without separator, as RFC 7208 section 3.3 and RFC 6376 section 3.6.2.2 require. */
    public String text() {
        return String.join("", strings);
    }
}
