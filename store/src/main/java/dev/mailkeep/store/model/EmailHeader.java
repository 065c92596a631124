// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.model;

import java.util.Objects;

/**
 * One header field as RFC 8621 section 4.1.3 EmailHeader gives it: the name as it appears in
 * the message and the value in Raw form (every octet after the colon up to, not including, the
 * terminating CRLF; folding kept; octets that are not UTF-8 replaced by U+FFFD, NUL dropped).
 */
public record EmailHeader(String name, String value) {
    public EmailHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
