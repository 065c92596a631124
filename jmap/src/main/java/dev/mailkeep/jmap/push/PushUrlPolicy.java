// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.push;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Which URLs a PushSubscription may name (RFC 8620 section 7.2 and its security considerations,
 * section 8.7): http or https, no user info, and, unless the operator allows private addresses,
 * a host all of whose addresses are public, so the server cannot be made to send requests into
 * its own network (SSRF). Checked when the subscription is created and again before each request.
 */
final class PushUrlPolicy {
    private final boolean allowPrivateAddresses;

    PushUrlPolicy(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /** The URL when it may be used; an {@link IllegalArgumentException} saying why not otherwise. */
    URI check(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the url is malformed");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("the url must be http or https");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the url must name a host and carry no user info");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the url's host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivateAddresses && !isPublic(address)) {
                throw new IllegalArgumentException("the url's host resolves to a non-public address, which this server does not call");
            }
        }
        return url;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                   // this network
                    && !(first == 100 && (second & 0xc0) == 64)  // 100.64.0.0/10 shared (CGNAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second & 0xfe) == 18)  // 198.18.0.0/15 benchmarking
                    && first < 240;                             // reserved and broadcast
        }
        if (address instanceof Inet6Address && isNat64(b)) {
            try {
                return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc                        // fc00::/7 unique local
                    && !((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0); // fec0::/10 site local
        }
        return false;
    }

    /** 64:ff9b::/96, the NAT64 prefix that embeds an IPv4 address in its last four bytes. */
    private static boolean isNat64(byte[] b) {
        byte[] prefix = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
        return java.util.Arrays.equals(b, 0, 12, prefix, 0, 12);
    }
}
