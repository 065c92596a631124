// SPDX-License-Identifier: Apache-2.0
package dev.mailkeep.store.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;

/**
 * One walk over the MIME tree (not into attached messages) for the preview and the search text.
 * A part with Content-Disposition attachment, or one that is neither text nor multipart and not
 * marked inline, is taken as an attachment: only its file name is searchable.
 */
final class BodyWalk {
    private static final int PREVIEW_CHARS = 256;
    private static final int READ_LIMIT = 256 * 1024;

    private static final int TEXT_LIMIT = 1024 * 1024;

    private String plain;
    private String html;
    private String htmlAsText;
    private final StringBuilder text = new StringBuilder();
    private final List<String> attachmentNames = new ArrayList<>();

    static BodyWalk of(Entity root) {
        BodyWalk walk = new BodyWalk();
        walk.visit(root);
        return walk;
    }

    String preview() {
        String text = plain != null ? plain : html != null ? htmlText() : "";
        StringBuilder out = new StringBuilder(PREVIEW_CHARS + 1);
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < PREVIEW_CHARS; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        if (out.length() > PREVIEW_CHARS) {
            out.setLength(PREVIEW_CHARS);
        }
        if (out.length() == PREVIEW_CHARS && Character.isHighSurrogate(out.charAt(PREVIEW_CHARS - 1))) {
            out.setLength(PREVIEW_CHARS - 1);
        }
        return out.toString().strip();
    }

    /** The first HTML part as text, converted once for both the preview and the search text. */
    private String htmlText() {
        if (htmlAsText == null) {
            htmlAsText = HtmlText.toText(html);
        }
        return htmlAsText;
    }

    /** The decoded text of every text part not attached (HTML as text), for the search index. */
    String text() {
        return text.toString();
    }

    List<String> attachmentNames() {
        return attachmentNames;
    }

    private void visit(Entity entity) {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                visit(part);
            }
            return;
        }
        String type = entity.getMimeType() == null ? "text/plain" : entity.getMimeType().toLowerCase(Locale.ROOT);
        String disposition = entity.getDispositionType() == null
                ? null : entity.getDispositionType().toLowerCase(Locale.ROOT);
        boolean text = type.startsWith("text/");
        if ("attachment".equals(disposition) || (!text && !"inline".equals(disposition))) {
            if (entity.getFilename() != null && !entity.getFilename().isBlank()) {
                attachmentNames.add(MessageParser.decodeWords(entity.getFilename()));
            }
        } else if (type.equals("text/plain")) {
            String content = read(entity);
            plain = plain == null ? content : plain;
            append(content);
        } else if (type.equals("text/html")) {
            String content = read(entity);
            if (html == null) {
                html = content;
                append(htmlText());
            } else {
                append(HtmlText.toText(content));
            }
        }
    }

    private void append(String content) {
        if (text.length() < TEXT_LIMIT) {
            text.append(content, 0, Math.min(content.length(), TEXT_LIMIT - text.length())).append('\n');
        }
    }

    private static String read(Entity entity) {
        if (!(entity.getBody() instanceof SingleBody body)) {
            return "";
        }
        try (InputStream in = body.getInputStream()) {
            return Charsets.decode(in.readNBytes(READ_LIMIT), entity.getCharset()).text();
        } catch (IOException e) {
            return "";
        }
    }
}
