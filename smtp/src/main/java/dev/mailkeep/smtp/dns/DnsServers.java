// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the operator's list of DNS servers: {@code host[:port]} entries separated by commas
 * or spaces, IPv6 literals in brackets ({@code [::1]:5353}). Hosts must be IP literals, so
 * finding a DNS server never itself needs DNS.
 */
public final class DnsServers {
    private DnsServers() {}

    public static List<InetSocketAddress> parse(String list) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String entry : list.trim().split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                out.add(parseOne(entry));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no DNS server in '" + list + "'");
        }
        return List.copyOf(out);
    }

    static InetSocketAddress parseOne(String entry) {
        String host = entry;
        int port = 53;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in DNS server '" + entry + "'");
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (rest.startsWith(":")) {
                port = parsePort(rest.substring(1), entry);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("bad DNS server '" + entry + "'");
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = parsePort(entry.substring(entry.indexOf(':') + 1), entry);
        }
        if (!host.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("DNS server must be an IP address: '" + entry + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad DNS server address '" + entry + "'", e);
        }
    }

    private static int parsePort(String text, String entry) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in DNS server '" + entry + "'");
        }
    }
}
