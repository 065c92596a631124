// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.xodus;

import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.BlobParse;
import dev.mailkeep.store.MailStore;
import dev.mailkeep.store.mime.BodyStructure;
import dev.mailkeep.store.mime.MessageParser;
import dev.mailkeep.store.mime.ParsedMessage;
import dev.mailkeep.store.model.ParsedEmail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** {@link MailStore#parseBlob} (RFC 8621 section 4.9): one blob's bytes through the delivery parser. */
final class Parsing {
    private Parsing() {}

    /** The parse of the bytes; {@link BlobParse#notParsable} when they hold no header field. */
    static BlobParse parse(BlobId blob, Optional<InputStream> content) {
        if (content.isEmpty()) {
            return BlobParse.notFound();
        }
        byte[] bytes;
        try (InputStream in = content.get()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ParsedMessage parsed = MessageParser.parseFull(bytes);
        if (parsed.headers().isEmpty()) {
            return BlobParse.notParsable();
        }
        return BlobParse.of(new ParsedEmail(blob, bytes.length, parsed.summary(),
                BodyStructure.of(blob.value(), bytes)));
    }
}
