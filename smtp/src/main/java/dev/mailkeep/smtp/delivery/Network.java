// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.delivery;

import dev.mailkeep.smtp.auth.spf.IpText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** An IP network in CIDR notation, e.g. {@code 127.0.0.0/8} or {@code ::1/128}. */
public record Network(InetAddress address, int prefix) {
    public Network {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range 0.." + bits);
        }
    }

    /** Parses {@code ip/prefix} or a bare IP literal (a host network); never looks up a name. */
    public static Network parse(String text) {
        int slash = text.indexOf('/');
        String ip = slash < 0 ? text : text.substring(0, slash);
        if (!ip.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP network (e.g. 192.0.2.0/24)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP network (e.g. 192.0.2.0/24)");
        }
        int prefix = address.getAddress().length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length");
            }
        }
        return new Network(address, prefix);
    }

    public boolean contains(InetAddress ip) {
        return IpText.inNetwork(ip, address, prefix);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefix;
    }
}
