// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import java.util.Locale;
import java.util.Objects;

/**
 * An SMTP mailbox, {@code Local-part "@" ( Domain / address-literal )} (RFC 5321 section 4.1.2),
 * possibly with UTF-8 in either part (RFC 6531 section 3.3).
 *
 * @param localPart the local part as the user means it: a quoted string is unquoted and its
 *     quoted-pairs resolved, so {@code "john"@x} and {@code john@x} have the same local part
 * @param domain a domain name or an address literal including its brackets
 */
public record Mailbox(String localPart, String domain) {
    public Mailbox {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
    }

    /** The address in RFC 5321 form, quoting the local part only when a dot-string cannot carry it. */
    public String address() {
        return (isDotString(localPart) ? localPart : quote(localPart)) + "@" + domain;
    }

    public boolean isDomainLiteral() {
        return domain.startsWith("[");
    }

    /** The domain in lower case, for comparing with the domains this server serves. */
    public String normalizedDomain() {
        return domain.toLowerCase(Locale.ROOT);
    }

    /** True when the address holds only ASCII, so it needs no SMTPUTF8 (RFC 6531 section 3.4). */
    public boolean isAscii() {
        return localPart.chars().allMatch(c -> c < 0x80) && domain.chars().allMatch(c -> c < 0x80);
    }

    @Override
    public String toString() {
        return address();
    }

    static boolean isDotString(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        return s.codePoints().allMatch(c -> c == '.' || PathParser.isAtext(c));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.appendCodePoint(c);
        });
        return out.append('"').toString();
    }
}
