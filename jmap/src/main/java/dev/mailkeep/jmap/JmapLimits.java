// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.jmap;

/**
 * The limits of RFC 8620 section 2 ({@code urn:ietf:params:jmap:core} capability). They are
 * advertised in the session resource and enforced by the API endpoint.
 */
public record JmapLimits(
        long maxSizeUpload,
        int maxConcurrentUpload,
        long maxSizeRequest,
        int maxConcurrentRequests,
        int maxCallsInRequest,
        int maxObjectsInGet,
        int maxObjectsInSet) {
    public JmapLimits {
        positive("maxSizeUpload", maxSizeUpload);
        positive("maxConcurrentUpload", maxConcurrentUpload);
        positive("maxSizeRequest", maxSizeRequest);
        positive("maxConcurrentRequests", maxConcurrentRequests);
        positive("maxCallsInRequest", maxCallsInRequest);
        positive("maxObjectsInGet", maxObjectsInGet);
        positive("maxObjectsInSet", maxObjectsInSet);
    }

    /** The values RFC 8620 section 2 suggests as minimums a server should support. */
    public static JmapLimits defaults() {
        return new JmapLimits(50_000_000L, 4, 10_000_000L, 4, 16, 500, 500);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
