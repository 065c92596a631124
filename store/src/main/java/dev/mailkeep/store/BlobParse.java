// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store;

import dev.mailkeep.store.model.ParsedEmail;

/**
 * The outcome of {@link MailStore#parseBlob} (RFC 8621 section 4.9): the parsed email, or why there
 * is none ({@code NOT_FOUND}: the account cannot read the blob; {@code NOT_PARSABLE}: it holds no
 * header field, so it is not an RFC 5322 message).
 *
 * @param email null unless {@code PARSED}
 */
public record BlobParse(Outcome outcome, ParsedEmail email) {
    public enum Outcome { PARSED, NOT_PARSABLE, NOT_FOUND }

    public BlobParse {
        if ((outcome == Outcome.PARSED) != (email != null)) {
            throw new IllegalArgumentException("an email exactly when PARSED");
        }
    }

    public static BlobParse of(ParsedEmail email) {
        return new BlobParse(Outcome.PARSED, email);
    }

    public static BlobParse notParsable() {
        return new BlobParse(Outcome.NOT_PARSABLE, null);
    }

    public static BlobParse notFound() {
        return new BlobParse(Outcome.NOT_FOUND, null);
    }
}
