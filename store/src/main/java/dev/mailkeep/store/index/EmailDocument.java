// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.index;

import dev.mailkeep.store.mime.BaseSubject;
import dev.mailkeep.store.mime.ParsedMessage;
import dev.mailkeep.store.model.EmailAddress;
import dev.mailkeep.store.model.EmailSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene document of one email: only what never changes (text, dates, size, attachment
 * flag, headers). Keywords and mailboxes live in Xodus alone, so changing them never touches the
 * index or the message body.
 */
final class EmailDocument {
    static final String ACCOUNT = "account";
    static final String KEY = "key";
    static final String NUM = "num";
    static final String RECEIVED = "received";
    static final String RECEIVED_POINT = "received_p";
    static final String SENT = "sent";
    static final String SIZE = "size";
    static final String SIZE_POINT = "size_p";
    static final String ATTACHMENT = "attachment";
    static final String FROM = "from";
    static final String TO = "to";
    static final String CC = "cc";
    static final String BCC = "bcc";
    static final String SUBJECT = "subject";
    static final String BODY = "body";
    static final String ATTACHMENT_NAMES = "attachments";
    static final String HEADER_NAME = "hname";
    static final String HEADER_PREFIX = "h_";
    static final String SORT_SUFFIX = "_s";
    /** Header fields whose text is already indexed in a field of its own: a header condition on them searches that. */
    static final Map<String, String> HEADER_FIELDS = Map.of("from", FROM, "to", TO, "cc", CC, "bcc", BCC,
            "subject", SUBJECT);
    /**
     * Text with positions (phrase queries) and frequencies but no norms: results are sorted by
     * RFC 8621 sort properties, never by relevance, so length normalisation would be written for nothing.
     */
    private static final FieldType TEXT = textType();

    private EmailDocument() {}

    static String key(long account, long email) {
        return account + ":" + email;
    }

    static Document of(long account, long email, long receivedAt, long size, ParsedMessage parsed) {
        EmailSummary s = parsed.summary();
        Document doc = new Document();
        doc.add(new StringField(ACCOUNT, Long.toString(account), Field.Store.NO));
        doc.add(new StringField(KEY, key(account, email), Field.Store.NO));
        doc.add(new StoredField(NUM, email));
        doc.add(new NumericDocValuesField(NUM, email));
        doc.add(new NumericDocValuesField(RECEIVED, receivedAt));
        doc.add(new LongPoint(RECEIVED_POINT, receivedAt));
        doc.add(new NumericDocValuesField(SENT, s.sentAt() == null ? Long.MIN_VALUE : s.sentAt().toInstant().toEpochMilli()));
        doc.add(new NumericDocValuesField(SIZE, size));
        doc.add(new LongPoint(SIZE_POINT, size));
        doc.add(new StringField(ATTACHMENT, s.hasAttachment() ? "1" : "0", Field.Store.NO));
        text(doc, FROM, addresses(s.from()));
        text(doc, TO, addresses(s.to()));
        text(doc, CC, addresses(s.cc()));
        text(doc, BCC, addresses(s.bcc()));
        text(doc, SUBJECT, s.subject());
        text(doc, BODY, parsed.bodyText());
        text(doc, ATTACHMENT_NAMES, String.join("\n", parsed.attachmentNames()));
        for (Map.Entry<String, String> header : parsed.headers()) {
            doc.add(new StringField(HEADER_NAME, header.getKey(), Field.Store.NO));
            if (!HEADER_FIELDS.containsKey(header.getKey())) {
                text(doc, HEADER_PREFIX + header.getKey(), header.getValue());
            }
        }
        sortKey(doc, FROM, s.from().isEmpty() ? "" : s.from().getFirst().email());
        sortKey(doc, TO, s.to().isEmpty() ? "" : s.to().getFirst().email());
        sortKey(doc, SUBJECT, BaseSubject.of(s.subject()));
        return doc;
    }

    private static String addresses(List<EmailAddress> list) {
        return list.stream().map(a -> a.name() == null ? a.email() : a.name() + " " + a.email())
                .collect(Collectors.joining("\n"));
    }

    private static void text(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            doc.add(new Field(field, value, TEXT));
        }
    }

    private static FieldType textType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    private static void sortKey(Document doc, String field, String value) {
        String key = value.toLowerCase(Locale.ROOT);
        doc.add(new SortedDocValuesField(field + SORT_SUFFIX, new BytesRef(key.length() > 200 ? key.substring(0, 200) : key)));
    }
}
