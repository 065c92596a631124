// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.smtp.protocol;

import java.util.OptionalLong;

/**
 * The ESMTP parameters of MAIL FROM that this server understands.
 *
 * @param size the size the client declared (RFC 1870 section 6), if it did
 * @param body the BODY parameter (RFC 6152 section 2)
 * @param smtpUtf8 the SMTPUTF8 parameter (RFC 6531 section 3.4)
 */
public record MailParameters(OptionalLong size, Body body, boolean smtpUtf8) {
    public static final MailParameters NONE = new MailParameters(OptionalLong.empty(), Body.SEVEN_BIT, false);

    public enum Body {
        SEVEN_BIT, EIGHT_BIT_MIME
    }
}
