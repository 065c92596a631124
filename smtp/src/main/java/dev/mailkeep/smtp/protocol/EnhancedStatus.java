// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

/**
 * An enhanced mail system status code, {@code class.subject.detail} (RFC 3463 section 2), sent
 * after the reply code when ENHANCEDSTATUSCODES is advertised (RFC 2034).
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {
    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("subject and detail must be 0..999");
        }
    }

    public static EnhancedStatus of(int statusClass, int subject, int detail) {
        return new EnhancedStatus(statusClass, subject, detail);
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
