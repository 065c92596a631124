// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/** The collations (RFC 4790 registry) this server sorts strings with. */
public enum Collation {
    /** RFC 4790 section 9.3: octet by octet of the UTF-8 form, i.e. by code point. */
    OCTET("i;octet"),
    /** RFC 4790 section 9.2: ASCII letters folded to lowercase, then by code point. */
    ASCII_CASEMAP("i;ascii-casemap"),
    /** RFC 5051: each character to its simple titlecase, then NFKD, then by code point. */
    UNICODE_CASEMAP("i;unicode-casemap");

    private final String id;

    Collation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Collation> of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** The key whose code-point order is this collation's order. */
    public String key(String value) {
        return switch (this) {
            case OCTET -> value;
            case ASCII_CASEMAP -> asciiLower(value);
            case UNICODE_CASEMAP -> {
                StringBuilder titled = new StringBuilder(value.length());
                value.codePoints().forEach(cp -> titled.appendCodePoint(Character.toTitleCase(cp)));
                yield Normalizer.normalize(titled, Normalizer.Form.NFKD);
            }
        };
    }

    public Comparator<String> comparator() {
        return Comparator.comparing(this::key, Collation::compareCodePoints);
    }

    /** Whether {@code value} contains {@code part} under this collation (RFC 4790 "substring" operation). */
    public boolean contains(String value, String part) {
        return key(value).contains(key(part));
    }

    private static String asciiLower(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
