// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.server;

import java.net.InetSocketAddress;

/** A listener as it was bound: the address it really listens on (ephemeral ports resolved). */
record BoundListener(String name, String protocol, InetSocketAddress address, boolean tls) {

    String host() {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    String hostPort() {
        return host() + ":" + address.getPort();
    }

    String url() {
        return protocol + "://" + hostPort() + (protocol.startsWith("http") ? "/.well-known/jmap" : "");
    }
}
