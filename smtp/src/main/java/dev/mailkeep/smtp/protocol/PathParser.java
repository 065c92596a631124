// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

/**
 * A cursor over the argument of MAIL or RCPT that reads the RFC 5321 section 4.1.2 path grammar,
 * extended with UTF-8 by RFC 6531 section 3.3: {@code Path = "<" [ A-d-l ":" ] Mailbox ">"}.
 * A source route (A-d-l) is read and ignored (RFC 5321 section 4.1.1.3). Syntax errors throw
 * {@link PathSyntaxException}.
 */
final class PathParser {
    static final class PathSyntaxException extends Exception {
        PathSyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    private final String s;
    private int pos;

    PathParser(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    int position() {
        return pos;
    }

    /** {@code Reverse-path = Path / "<>"}; null for the null reverse-path. */
    Mailbox reversePath() throws PathSyntaxException {
        if (s.startsWith("<>", pos)) {
            pos += 2;
            return null;
        }
        return path();
    }

    Mailbox path() throws PathSyntaxException {
        expect('<');
        if (peek() == '@') {
            sourceRoute();
        }
        Mailbox mailbox = mailbox();
        expect('>');
        return mailbox;
    }

    private void sourceRoute() throws PathSyntaxException {
        do {
            expect('@');
            domain();
        } while (accept(','));
        expect(':');
    }

    private Mailbox mailbox() throws PathSyntaxException {
        String local = peek() == '"' ? quotedString() : dotString();
        expect('@');
        String domain = peek() == '[' ? addressLiteral() : domain();
        return new Mailbox(local, domain);
    }

    private String dotString() throws PathSyntaxException {
        int start = pos;
        atom();
        while (accept('.')) {
            atom();
        }
        return s.substring(start, pos);
    }

    private void atom() throws PathSyntaxException {
        int start = pos;
        while (pos < s.length() && isAtext(s.codePointAt(pos))) {
            pos += Character.charCount(s.codePointAt(pos));
        }
        if (pos == start) {
            throw new PathSyntaxException("invalid local part");
        }
    }

    private String quotedString() throws PathSyntaxException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new PathSyntaxException("unterminated quoted string");
            }
            int c = s.codePointAt(pos);
            pos += Character.charCount(c);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= s.length() || s.charAt(pos) < 32 || s.charAt(pos) > 126) {
                    throw new PathSyntaxException("invalid quoted pair");
                }
                out.append(s.charAt(pos++));
            } else if ((c >= 32 && c <= 126) || c >= 0x80) {
                out.appendCodePoint(c);
            } else {
                throw new PathSyntaxException("invalid character in quoted string");
            }
        }
    }

    /** {@code Domain = sub-domain *("." sub-domain)}, sub-domain a LDH label or a U-label. */
    private String domain() throws PathSyntaxException {
        int start = pos;
        label();
        while (accept('.')) {
            label();
        }
        return s.substring(start, pos);
    }

    private void label() throws PathSyntaxException {
        int start = pos;
        int last = -1;
        while (pos < s.length()) {
            int c = s.codePointAt(pos);
            if (!isLetDig(c) && c != '-') {
                break;
            }
            last = c;
            pos += Character.charCount(c);
        }
        if (pos == start || !isLetDig(s.codePointAt(start)) || !isLetDig(last)) {
            throw new PathSyntaxException("invalid domain");
        }
    }

    /** RFC 5321 section 4.1.3: IPv4, {@code IPv6:} or a general tagged literal. */
    private String addressLiteral() throws PathSyntaxException {
        int start = pos;
        int end = s.indexOf(']', pos);
        if (end < 0) {
            throw new PathSyntaxException("unterminated address literal");
        }
        String inner = s.substring(pos + 1, end);
        if (!isIpv4(inner) && !isTagged(inner)) {
            throw new PathSyntaxException("invalid address literal");
        }
        pos = end + 1;
        return s.substring(start, pos);
    }

    private static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTagged(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return false;
        }
        String tag = text.substring(0, colon);
        String content = text.substring(colon + 1);
        if (tag.equalsIgnoreCase("IPv6")) {
            return content.contains(":") && content.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return tag.chars().allMatch(c -> isLetDig(c) || c == '-')
                && content.chars().allMatch(c -> (c >= 33 && c <= 90) || (c >= 94 && c <= 126));
    }

    /** RFC 5322 atext plus UTF8-non-ascii (RFC 6531 section 3.3). */
    static boolean isAtext(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c >= 0x80;
    }

    private static boolean isLetDig(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
    }

    private int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws PathSyntaxException {
        if (!accept(c)) {
            throw new PathSyntaxException("expected '" + c + "'");
        }
    }
}
