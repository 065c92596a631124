// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import dev.mailkeep.store.model.EmailSummary;
import java.util.List;
import java.util.Map;

/**
 * Everything one parse of a message yields: the summary stored with the record, and the text the
 * search index needs (decoded text of the text parts, attachment file names, top-level headers).
 *
 * @param headers top-level header fields as (lowercase name, decoded value) pairs, in order
 */
public record ParsedMessage(EmailSummary summary, String bodyText, List<String> attachmentNames,
        List<Map.Entry<String, String>> headers) {
    public ParsedMessage {
        attachmentNames = List.copyOf(attachmentNames);
        headers = List.copyOf(headers);
    }
}
