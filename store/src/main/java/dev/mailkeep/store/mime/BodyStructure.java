// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailBodyPart;
import dev.mailkeep.store.model.EmailHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The MIME tree of a message as RFC 8621 section 4.1.4 describes it, with textBody, htmlBody and
 * attachments chosen by the RFC's parseStructure algorithm, and the text values of the text parts
 * (transfer encoding and charset decoded, CRLF replaced by LF, as EmailBodyValue asks). Leaves
 * are numbered depth-first from 1; a leaf's blob id is the message's blob id, {@code _}, and that number.
 */
public final class BodyStructure {
    private final String blob;
    private final Map<String, Entity> leaves = new HashMap<>();
    private final Map<String, PartContent> contents = new HashMap<>();
    private int next = 1;

    /** @param blob the message's blob id; null for a skeleton of header properties without content */
    private BodyStructure(String blob) {
        this.blob = blob;
    }

    /** The body properties of a message whose blob id is {@code blob}. */
    public static EmailBody of(String blob, byte[] message) {
        BodyStructure structure = new BodyStructure(blob);
        Message parsed = parseEncoded(message);
        EmailBodyPart root = structure.part(parsed, false);
        List<EmailBodyPart> text = new ArrayList<>();
        List<EmailBodyPart> html = new ArrayList<>();
        List<EmailBodyPart> attachments = new ArrayList<>();
        parseStructure(List.of(root), "mixed", false, html, text, attachments);
        Map<String, String> values = new HashMap<>();
        Set<String> problems = new HashSet<>();
        for (EmailBodyPart p : concat(text, html)) {
            if (p.type().startsWith("text/") && !values.containsKey(p.partId())) {
                PartContent content = structure.content(p.partId());
                Charsets.Decoded decoded = Charsets.decode(content.bytes(), p.charset());
                values.put(p.partId(), decoded.text().replace("\r\n", "\n"));
                if (content.problem() || decoded.problem()) {
                    problems.add(p.partId());
                }
            }
        }
        return new EmailBody(root, text, html, attachments, values,
                HeaderText.fields(parsed.getHeader().getFields()), problems);
    }

    /** The decoded bytes of leaf {@code partId}, if the message has it. */
    public static Optional<byte[]> partBytes(byte[] message, String partId) {
        BodyStructure structure = new BodyStructure("x");
        structure.part(parseEncoded(message), false);
        return structure.leaves.containsKey(partId)
                ? Optional.of(structure.content(partId).bytes()) : Optional.empty();
    }

    /**
     * RFC 8621 section 4.1.4 hasAttachment as the section says a server SHOULD set it: the
     * attachments list of parseStructure holds a part whose disposition is not inline. Reads the
     * part headers only, never the content.
     */
    static boolean hasAttachment(Entity root) {
        List<EmailBodyPart> attachments = new ArrayList<>();
        EmailBodyPart skeleton = new BodyStructure(null).part(root, false);
        parseStructure(List.of(skeleton), "mixed", false, new ArrayList<>(), new ArrayList<>(), attachments);
        return attachments.stream().anyMatch(p -> !"inline".equals(p.disposition()));
    }

    /** A lenient parse that leaves each part's content transfer-encoded, for {@link PartContent}. */
    private static Message parseEncoded(byte[] message) {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
        builder.setDecodeMonitor(DecodeMonitor.SILENT);
        builder.setContentDecoding(false);
        try {
            return builder.parseMessage(new ByteArrayInputStream(message));
        } catch (IOException e) {
            return builder.newMessage();
        }
    }

    /** One EmailBodyPart (RFC 8621 section 4.1.4) with every property the section defines. */
    private EmailBodyPart part(Entity entity, boolean inDigest) {
        List<Field> fields = entity.getHeader() == null ? List.of() : entity.getHeader().getFields();
        String contentType = last(fields, "Content-Type");
        MimeParameters ct = MimeParameters.parse(contentType);
        String type = type(contentType, ct, entity, inDigest);
        String dispositionField = last(fields, "Content-Disposition");
        MimeParameters cd = dispositionField == null ? null : MimeParameters.parse(dispositionField);
        String disposition = cd == null || cd.value().isEmpty() ? null : cd.value();
        String name = cd == null ? null : cd.get("filename");
        if (name == null) {
            name = ct.get("name");
        }
        String cid = last(fields, "Content-ID");
        cid = cid == null ? null : MimeParameters.stripComments(cid).strip().replaceAll("^<|>$", "").strip();
        String languageField = last(fields, "Content-Language");
        List<String> language = null;
        if (languageField != null) {
            language = Arrays.stream(MimeParameters.stripComments(languageField).split(","))
                    .map(String::strip).filter(t -> !t.isEmpty()).toList();
        }
        String location = last(fields, "Content-Location");
        location = location == null ? null : MimeParameters.stripComments(location).replaceAll("\\s+", "");
        List<EmailHeader> headers = HeaderText.fields(fields);
        if (entity.getBody() instanceof Multipart multipart) {
            List<EmailBodyPart> sub = new ArrayList<>();
            boolean digest = type.equals("multipart/digest");
            for (Entity child : multipart.getBodyParts()) {
                sub.add(part(child, digest));
            }
            return new EmailBodyPart(null, null, 0, name, type, null, disposition, cid, sub, headers, language,
                    location);
        }
        String charset = ct.get("charset");
        if (charset != null) {
            charset = charset.strip().toLowerCase(Locale.ROOT);
        } else if (contentType == null || type.startsWith("text/")) {
            charset = type.startsWith("text/") || contentType == null && !inDigest ? "us-ascii" : null;
        }
        if (blob == null) {
            return new EmailBodyPart(null, null, 0, name, type, charset, disposition, cid, List.of(), headers,
                    language, location);
        }
        String partId = Integer.toString(next++);
        leaves.put(partId, entity);
        return new EmailBodyPart(partId, new BlobId(blob + "_" + partId), content(partId).bytes().length, name,
                type, charset, disposition, cid, List.of(), headers, language, location);
    }

    /**
     * The Content-Type without parameters, lowercased; when absent or without a subtype, the
     * implicit type of RFC 2045 section 5.2 and RFC 2046 section 5.1.5 (message/rfc822 in a digest).
     */
    private static String type(String field, MimeParameters ct, Entity entity, boolean inDigest) {
        if (field != null && ct.value().matches("[^/\\s]+/[^/\\s]+")) {
            return ct.value();
        }
        if (entity.getBody() instanceof Multipart) {
            return entity.getMimeType().toLowerCase(Locale.ROOT);
        }
        return inDigest ? "message/rfc822" : "text/plain";
    }

    private static String last(List<Field> fields, String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).getName().equalsIgnoreCase(name)) {
                return HeaderText.value(fields.get(i));
            }
        }
        return null;
    }

    private PartContent content(String partId) {
        return contents.computeIfAbsent(partId, id -> PartContent.of(leaves.get(id)));
    }

    /** RFC 8621 section 4.1.4 parseStructure, transcribed. */
    private static void parseStructure(List<EmailBodyPart> parts, String multipartType, boolean inAlternative,
            List<EmailBodyPart> htmlBody, List<EmailBodyPart> textBody, List<EmailBodyPart> attachments) {
        int textLength = textBody == null ? -1 : textBody.size();
        int htmlLength = htmlBody == null ? -1 : htmlBody.size();
        for (int i = 0; i < parts.size(); i++) {
            EmailBodyPart part = parts.get(i);
            boolean isMultipart = part.type().startsWith("multipart/");
            boolean isInline = !"attachment".equals(part.disposition())
                    && (part.type().equals("text/plain") || part.type().equals("text/html") || inlineMedia(part.type()))
                    && (i == 0 || (!multipartType.equals("related") && (inlineMedia(part.type()) || part.name() == null)));
            if (isMultipart) {
                String sub = part.type().substring("multipart/".length());
                parseStructure(part.subParts(), sub, inAlternative || sub.equals("alternative"), htmlBody, textBody,
                        attachments);
            } else if (isInline) {
                if (multipartType.equals("alternative")) {
                    switch (part.type()) {
                        case "text/plain" -> textBody.add(part);
                        case "text/html" -> htmlBody.add(part);
                        default -> attachments.add(part);
                    }
                    continue;
                } else if (inAlternative) {
                    if (part.type().equals("text/plain")) {
                        htmlBody = null;
                    }
                    if (part.type().equals("text/html")) {
                        textBody = null;
                    }
                }
                if (textBody != null) {
                    textBody.add(part);
                }
                if (htmlBody != null) {
                    htmlBody.add(part);
                }
                if ((textBody == null || htmlBody == null) && inlineMedia(part.type())) {
                    attachments.add(part);
                }
            } else {
                attachments.add(part);
            }
        }
        if (multipartType.equals("alternative") && textBody != null && htmlBody != null) {
            if (textLength == textBody.size() && htmlLength != htmlBody.size()) {
                textBody.addAll(new ArrayList<>(htmlBody.subList(htmlLength, htmlBody.size())));
            }
            if (htmlLength == htmlBody.size() && textLength != textBody.size()) {
                htmlBody.addAll(new ArrayList<>(textBody.subList(textLength, textBody.size())));
            }
        }
    }

    private static boolean inlineMedia(String type) {
        return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/");
    }

    private static List<EmailBodyPart> concat(List<EmailBodyPart> a, List<EmailBodyPart> b) {
        List<EmailBodyPart> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
