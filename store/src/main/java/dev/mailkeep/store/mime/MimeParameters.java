// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value and parameters of a Content-Type or Content-Disposition field (RFC 2045 section 5.1,
 * RFC 2183): the value lowercased without comments, and each parameter by lowercase name,
 * unquoted, with RFC 2231 continuations joined and their charset decoded, and, for senders that
 * put RFC 2047 encoded words inside quoted parameter values, those decoded too.
 */
record MimeParameters(String value, Map<String, String> parameters) {

    /** Parses the unfolded field value; never throws. */
    static MimeParameters parse(String field) {
        String text = stripComments(field == null ? "" : field);
        int semi = indexOutsideQuotes(text, 0);
        String value = (semi < 0 ? text : text.substring(0, semi)).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        Map<String, String> simple = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> continued = new LinkedHashMap<>();
        int at = semi;
        while (at >= 0 && at < text.length()) {
            int end = indexOutsideQuotes(text, at + 1);
            String param = text.substring(at + 1, end < 0 ? text.length() : end).strip();
            at = end;
            int eq = param.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String raw = param.substring(eq + 1).strip();
            boolean quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
            String val = quoted ? unquote(raw.substring(1, raw.length() - 1)) : raw;
            boolean extended = name.endsWith("*");
            String base = extended ? name.substring(0, name.length() - 1) : name;
            int star = base.indexOf('*');
            if (star > 0 && base.substring(star + 1).matches("\\d{1,3}")) {
                continued.computeIfAbsent(base.substring(0, star), k -> new TreeMap<>())
                        .put(Integer.parseInt(base.substring(star + 1)), new String[] {val, extended ? "*" : ""});
            } else if (extended) {
                simple.put(base, decodeExtended(val, null)[0]);
            } else if (!simple.containsKey(base)) {
                simple.put(base, val.contains("=?") ? MessageParser.decodeWords(val) : val);
            }
        }
        continued.forEach((name, sections) -> simple.put(name, join(sections)));
        return new MimeParameters(value, simple);
    }

    String get(String name) {
        return parameters.get(name);
    }

    /** RFC 2231 section 3 and 4: sections in order; the first extended one names the charset. */
    private static String join(TreeMap<Integer, String[]> sections) {
        StringBuilder out = new StringBuilder();
        Charset charset = null;
        boolean first = true;
        for (String[] section : sections.values()) {
            if (section[1].isEmpty()) {
                out.append(section[0]);
            } else {
                String[] decoded = decodeExtended(section[0], first ? null : charset);
                if (first) {
                    charset = charset(decoded[1]);
                }
                out.append(decoded[0]);
            }
            first = false;
        }
        return out.toString();
    }

    /**
     * Decodes {@code charset'language'pct-encoded} (or, when {@code known} is given, a later
     * section's bare pct-encoded text); returns the text and the charset name.
     */
    private static String[] decodeExtended(String value, Charset known) {
        String name = "us-ascii";
        String data = value;
        if (known == null) {
            int q1 = value.indexOf('\'');
            int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
            if (q2 > 0) {
                name = value.substring(0, q1);
                data = value.substring(q2 + 1);
            }
        }
        Charset charset = known != null ? known : charset(name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '%' && i + 2 < data.length() && hex(data, i + 1)) {
                bytes.write(Integer.parseInt(data.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return new String[] {Charsets.decode(bytes.toByteArray(), charset).text(), name};
    }

    private static boolean hex(String s, int at) {
        return Character.digit(s.charAt(at), 16) >= 0 && Character.digit(s.charAt(at + 1), 16) >= 0;
    }

    private static Charset charset(String name) {
        Charset charset = Charsets.forName(name);
        return charset == null ? StandardCharsets.UTF_8 : charset;
    }

    private static String unquote(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The index of the next ';' at or after {@code from} that is not inside a quoted string, or -1. */
    private static int indexOutsideQuotes(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 5322 comments (nested parentheses) outside quoted strings, removed. */
    static String stripComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
