// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Expands a parsed {@link MacroString}, RFC 7208 sections 7.3 and 7.4. */
final class MacroExpander {
    private MacroExpander() {}

    static String expand(MacroString macro, MacroContext ctx) {
        StringBuilder out = new StringBuilder();
        for (MacroString.Part part : macro.parts()) {
            switch (part) {
                case MacroString.Literal l -> out.append(l.text());
                case MacroString.Macro m -> out.append(expand(m, ctx));
            }
        }
        return out.toString();
    }

    /**
     * Expands a domain-spec and shortens it from the left, label by label, to at most 253
     * characters (section 7.3, last paragraph).
     */
    static String expandDomain(MacroString macro, MacroContext ctx) {
        String name = expand(macro, ctx);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        while (name.length() > 253 && name.indexOf('.') >= 0) {
            name = name.substring(name.indexOf('.') + 1);
        }
        return name;
    }

    private static String expand(MacroString.Macro m, MacroContext ctx) {
        String value = value(m.letter(), ctx);
        List<String> parts = split(value, m.delimiters());
        if (m.reverse()) {
            Collections.reverse(parts);
        }
        if (m.keep() > 0 && m.keep() < parts.size()) {
            parts = parts.subList(parts.size() - m.keep(), parts.size());
        }
        String joined = String.join(".", parts);
        return m.escape() ? urlEscape(joined) : joined;
    }

    private static String value(char letter, MacroContext ctx) {
        return switch (letter) {
            case 's' -> ctx.sender();
            case 'l' -> ctx.sender().substring(0, ctx.sender().lastIndexOf('@'));
            case 'o' -> ctx.sender().substring(ctx.sender().lastIndexOf('@') + 1);
            case 'd' -> ctx.domain();
            case 'i' -> dottedIp(ctx.ip());
            case 'p' -> ctx.validatedName().apply(ctx.domain());
            case 'v' -> ctx.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> ctx.helo();
            case 'c' -> readableIp(ctx.ip());
            case 'r' -> ctx.receiver();
            case 't' -> Long.toString(ctx.epochSeconds());
            default -> throw new IllegalArgumentException("macro letter " + letter);
        };
    }

    private static List<String> split(String value, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** %{i}: dotted decimal for IPv4, dot-separated nibbles for IPv6 (section 7.3). */
    static String dottedIp(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            if (!s.isEmpty()) {
                s.append('.');
            }
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append('.').append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }

    /** %{c}: the address as people write it, IPv6 compressed (RFC 5952). */
    static String readableIp(InetAddress ip) {
        return IpText.format(ip);
    }

    /** Upper-case macro letters: escape everything but RFC 3986 unreserved characters (section 7.3). */
    static String urlEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
