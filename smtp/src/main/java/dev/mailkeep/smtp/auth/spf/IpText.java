// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.auth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Strict parsing of IP literals as RFC 7208 section 5.6 writes them (never a DNS query), and
 * RFC 5952 formatting of IPv6. Also the CIDR comparison of section 5.6.
 */
public final class IpText {
    private IpText() {}

    private static final Pattern IP4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IP6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** An IPv4 dotted quad, or null. */
    public static InetAddress parseIp4(String text) {
        if (!IP4.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An IPv6 address in RFC 4291 section 2.2 text form, or null. IPv4-mapped forms stay IPv6 here. */
    public static InetAddress parseIp6(String text) {
        if (!text.contains(":") || !IP6_CHARS.matcher(text).matches()) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            if (a instanceof Inet4Address v4) {
                byte[] b = new byte[16];
                b[10] = (byte) 0xff;
                b[11] = (byte) 0xff;
                System.arraycopy(v4.getAddress(), 0, b, 12, 4);
                return InetAddress.getByAddress(b);
            }
            return a;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Either form, or null. */
    public static InetAddress parse(String text) {
        InetAddress a = parseIp4(text);
        return a != null ? a : parseIp6(text);
    }

    /** Whether {@code ip} lies in {@code network}/{@code prefix}; false across address families. */
    public static boolean inNetwork(InetAddress ip, InetAddress network, int prefix) {
        byte[] a = ip.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }

    /** IPv4 dotted, IPv6 in the RFC 5952 canonical form (lower case, longest zero run as "::"). */
    public static String format(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        byte[] b = ip.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
