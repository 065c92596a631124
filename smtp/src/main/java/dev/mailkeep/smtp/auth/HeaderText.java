// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth;

import java.util.List;

/** Small pieces of RFC 5322 / RFC 2045 syntax the rendered header fields need. */
final class HeaderText {
    private HeaderText() {}

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    /** A comment with its text made safe: printable ASCII only, parentheses and backslashes escaped. */
    static String comment(String text) {
        StringBuilder s = new StringBuilder("(");
        for (char c : text.toCharArray()) {
            if (c == '(' || c == ')' || c == '\\') {
                s.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                s.append(c);
            } else {
                s.append('?');
            }
        }
        return s.append(')').toString();
    }

    /** A value as a token when it is one (RFC 2045 section 5.1), else as a quoted-string. */
    static String value(String v) {
        boolean token = !v.isEmpty();
        for (char c : v.toCharArray()) {
            if (c <= 0x20 || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) {
                token = false;
                break;
            }
        }
        return token ? v : quoted(v);
    }

    /** A domain or dot-atom stays as is; anything else is quoted. */
    static String dotAtomOrQuoted(String v) {
        return v.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*") ? v : quoted(v);
    }

    static String quoted(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                s.append(c);
            } else {
                s.append('?');
            }
        }
        return s.append('"').toString();
    }

    /** "Name: first;\r\n\tsecond;\r\n\tthird\r\n": one clause per line. */
    static String field(String name, String first, List<String> clauses) {
        StringBuilder s = new StringBuilder(name).append(": ").append(first);
        for (String clause : clauses) {
            s.append(";\r\n\t").append(clause);
        }
        return s.append("\r\n").toString();
    }
}
