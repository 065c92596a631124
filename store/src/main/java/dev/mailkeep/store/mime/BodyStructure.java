// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import dev.mailkeep.store.BlobId;
import dev.mailkeep.store.model.EmailBody;
import dev.mailkeep.store.model.EmailBodyPart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;

/**
 * The MIME tree of a message as RFC 8621 section 4.1.4 describes it, with textBody, htmlBody and
 * attachments chosen by the RFC's parseStructure algorithm. Leaves are numbered depth-first from
 * 1; a leaf's blob id is the message's blob id, {@code _}, and that number.
 */
public final class BodyStructure {
    private final String blob;
    private final Map<String, Entity> leaves = new HashMap<>();
    private int next = 1;

    private BodyStructure(String blob) {
        this.blob = blob;
    }

    /** The body properties of a message whose blob id is {@code blob}. */
    public static EmailBody of(String blob, byte[] message) {
        BodyStructure structure = new BodyStructure(blob);
        Message parsed = MessageParser.parseMime(message);
        EmailBodyPart root = structure.part(parsed);
        List<EmailBodyPart> text = new ArrayList<>();
        List<EmailBodyPart> html = new ArrayList<>();
        List<EmailBodyPart> attachments = new ArrayList<>();
        parseStructure(List.of(root), "mixed", false, html, text, attachments);
        Map<String, String> values = new HashMap<>();
        for (EmailBodyPart p : concat(text, html)) {
            if (p.type().startsWith("text/") && !values.containsKey(p.partId())) {
                values.put(p.partId(), new String(structure.decoded(p.partId()), charset(p.charset())));
            }
        }
        return new EmailBody(root, text, html, attachments, values);
    }

    /** The decoded bytes of leaf {@code partId}, if the message has it. */
    public static Optional<byte[]> partBytes(byte[] message, String partId) {
        BodyStructure structure = new BodyStructure("x");
        structure.part(MessageParser.parseMime(message));
        return structure.leaves.containsKey(partId) ? Optional.of(structure.decoded(partId)) : Optional.empty();
    }

    private EmailBodyPart part(Entity entity) {
        String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
        String disposition = entity.getDispositionType() == null ? null
                : entity.getDispositionType().toLowerCase(Locale.ROOT);
        String name = entity.getFilename();
        if (name == null && entity.getHeader() != null && entity.getHeader().getField("Content-Type") != null
                && entity.getHeader().getField("Content-Type") instanceof org.apache.james.mime4j.dom.field.ContentTypeField ct) {
            name = ct.getParameter("name");
        }
        name = name == null ? null : MessageParser.decodeWords(name);
        String cid = null;
        if (entity.getHeader() != null && entity.getHeader().getField("Content-ID") != null) {
            cid = entity.getHeader().getField("Content-ID").getBody().strip().replaceAll("^<|>$", "");
        }
        if (entity.getBody() instanceof Multipart multipart) {
            List<EmailBodyPart> sub = new ArrayList<>();
            for (Entity child : multipart.getBodyParts()) {
                sub.add(part(child));
            }
            return new EmailBodyPart(null, null, 0, name, type, null, disposition, cid, sub);
        }
        String partId = Integer.toString(next++);
        leaves.put(partId, entity);
        String charset = type.startsWith("text/")
                ? (entity.getCharset() == null ? "us-ascii" : entity.getCharset().toLowerCase(Locale.ROOT)) : null;
        return new EmailBodyPart(partId, new BlobId(blob + "_" + partId), decoded(partId).length, name, type, charset,
                disposition, cid, List.of());
    }

    private byte[] decoded(String partId) {
        Entity entity = leaves.get(partId);
        if (entity.getBody() instanceof SingleBody body) {
            try (InputStream in = body.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (entity.getBody() instanceof Message attached) {
            try (var out = new java.io.ByteArrayOutputStream()) {
                new org.apache.james.mime4j.message.DefaultMessageWriter().writeMessage(attached, out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new byte[0];
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

    private static Charset charset(String name) {
        try {
            return name == null || name.equals("us-ascii") ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
