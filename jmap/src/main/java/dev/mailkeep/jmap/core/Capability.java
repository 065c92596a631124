// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap.core;

import java.util.Arrays;
import java.util.Optional;

/** The capabilities this server implements (RFC 8620 section 2, RFC 8621 section 1.3). */
public enum Capability {
    CORE("urn:ietf:params:jmap:core"),
    MAIL("urn:ietf:params:jmap:mail"),
    SUBMISSION("urn:ietf:params:jmap:submission"),
    VACATION_RESPONSE("urn:ietf:params:jmap:vacationresponse"),
    BLOB("urn:ietf:params:jmap:blob"),
    /** RFC 8887: requests over a WebSocket; no method belongs to it. */
    WEBSOCKET("urn:ietf:params:jmap:websocket"),
    /** RFC 9749: the server's VAPID key for Web Push; no method belongs to it. */
    WEBPUSH_VAPID("urn:ietf:params:jmap:webpush-vapid");

    private final String uri;

    Capability(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    public static Optional<Capability> of(String uri) {
        return Arrays.stream(values()).filter(c -> c.uri.equals(uri)).findFirst();
    }
}
