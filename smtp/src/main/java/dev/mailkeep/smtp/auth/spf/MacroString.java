// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed macro-string or explain-string, RFC 7208 section 7.1: literal text and
 * macro-expands. Parsing rejects what the ABNF rejects, so a bad macro is a permerror
 * when the record is read, before any evaluation (section 4.6).
 */
record MacroString(List<Part> parts) {
    MacroString {
        parts = List.copyOf(parts);
    }

    sealed interface Part {}

    record Literal(String text) implements Part {}

    /**
     * {@code %{<letter><digits><r><delimiters>}}.
     *
     * @param letter the lower-case macro letter
     * @param escape whether the letter was upper case (URL-escape the result, section 7.3)
     * @param keep how many right-hand parts to keep, 0 for all
     * @param delimiters the delimiters to split on; "." when none were given
     */
    record Macro(char letter, boolean escape, int keep, boolean reverse, String delimiters) implements Part {}

    private static final String LETTERS = "slodiphv";
    private static final String EXPLAIN_LETTERS = "crt";
    private static final String DELIMITERS = ".-+,/_=";

    /** Parses a macro-string as used in a domain-spec or modifier value. */
    static MacroString parse(String text) throws SpfException {
        return parse(text, false);
    }

    /** Parses an explain-string (section 6.2): spaces allowed, and the letters c, r, t. */
    static MacroString parseExplanation(String text) throws SpfException {
        return parse(text, true);
    }

    private static MacroString parse(String text, boolean explain) throws SpfException {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                boolean allowed = (c >= 0x21 && c <= 0x7e) || (explain && c == ' ');
                if (!allowed) {
                    throw SpfException.permerror("invalid character 0x" + Integer.toHexString(c) + " in '" + text + "'");
                }
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                throw SpfException.permerror("lone '%' in '" + text + "'");
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> { literal.append('%'); i += 2; }
                case '_' -> { literal.append(' '); i += 2; }
                case '-' -> { literal.append("%20"); i += 2; }
                case '{' -> {
                    int close = text.indexOf('}', i);
                    if (close < 0) {
                        throw SpfException.permerror("unclosed macro in '" + text + "'");
                    }
                    if (!literal.isEmpty()) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(macro(text.substring(i + 2, close), explain, text));
                    i = close + 1;
                }
                default -> throw SpfException.permerror("invalid macro '%" + next + "' in '" + text + "'");
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new MacroString(parts);
    }

    private static Macro macro(String body, boolean explain, String text) throws SpfException {
        if (body.isEmpty()) {
            throw SpfException.permerror("empty macro in '" + text + "'");
        }
        char letter = body.charAt(0);
        char lower = Character.toLowerCase(letter);
        boolean known = LETTERS.indexOf(lower) >= 0 || (explain && EXPLAIN_LETTERS.indexOf(lower) >= 0);
        if (!known || letter > 0x7f) {
            throw SpfException.permerror("unknown macro letter '" + letter + "' in '" + text + "'");
        }
        int i = 1;
        int digitsStart = i;
        while (i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
            i++;
        }
        int keep = 0;
        if (i > digitsStart) {
            String digits = body.substring(digitsStart, i);
            keep = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            if (keep == 0) {
                throw SpfException.permerror("macro transformer must be nonzero in '" + text + "'");
            }
        }
        boolean reverse = false;
        if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
            reverse = true;
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw SpfException.permerror("invalid macro delimiter '" + d + "' in '" + text + "'");
            }
        }
        return new Macro(lower, letter != lower, keep, reverse, delimiters.isEmpty() ? "." : delimiters);
    }

    /** Whether the last part is a macro-expand, which RFC 7208's domain-end accepts in place of a top label. */
    boolean endsWithMacro() {
        return !parts.isEmpty() && parts.getLast() instanceof Macro;
    }

    /** The trailing literal text, or "" when the string ends with a macro. */
    String trailingLiteral() {
        return !parts.isEmpty() && parts.getLast() instanceof Literal l ? l.text() : "";
    }
}
