package fi.aspa.channels.email;

import fi.aspa.platform.Tokens;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads a raw message into a {@link ParsedEmail}. Never throws for bad input: what cannot be parsed is flagged
 * malformed and its raw text kept, so nothing that arrives is lost.
 *
 * <ul>
 *   <li>multipart/alternative: text/plain is the case text, else the HTML as text; the sanitized HTML is kept
 *       for display;</li>
 *   <li>attachments and inline images are collected (signatures are not: they stay in the raw message);</li>
 *   <li>a forwarded message (message/rfc822) adds its text under its own From/Date/Subject;</li>
 *   <li>RFC 3464 delivery reports give the failed recipients and the Message-ID of the mail that bounced.</li>
 * </ul>
 */
@Component
class EmailParser {
    static final int MAX_DEPTH = 20;
    private static final Set<String> SIGNATURES = Set.of("application/pkcs7-signature", "application/x-pkcs7-signature",
            "application/pgp-signature");
    private static final Set<String> BULK = Set.of("bulk", "junk", "list", "auto_reply");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:@]+@[^\\s<>\"(),;:@]+\\.[^\\s<>\"(),;:@]+");
    private static final Pattern BASE64_LINE = Pattern.compile("(?m)^[A-Za-z0-9+/=]{60,}\\r?$\\n?");
    private static final Pattern QUOTED_MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^<>\\s]+)>");
    private static final Map<String, String> EXTENSIONS = Map.of("image/png", ".png", "image/jpeg", ".jpg",
            "image/gif", ".gif", "image/webp", ".webp", "application/pdf", ".pdf", "text/plain", ".txt",
            "text/calendar", ".ics", "message/rfc822", ".eml");

    private final Session session;

    EmailParser() {
        MailStreams.init();
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", "true");
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        this.session = Session.getInstance(props);
    }

    ParsedEmail parse(byte[] raw) {
        String sha256 = Tokens.sha256(raw);
        RawHeaders headers = RawHeaders.parse(raw);
        String messageId = RawHeaders.messageId(headers.first("Message-ID"));
        String key = messageId != null ? messageId : "sha256:" + sha256;

        List<String> thread = new ArrayList<>(RawHeaders.ids(headers.first("In-Reply-To")));
        List<String> references = RawHeaders.ids(String.join(" ", headers.all("References")));
        for (int i = references.size() - 1; i >= 0 && thread.size() < 100; i--) {
            if (!thread.contains(references.get(i))) thread.add(references.get(i));
        }

        Sender from = sender(headers.first("From"));
        Sender replyTo = sender(headers.first("Reply-To"));
        Sender answerTo = replyTo.address() != null ? replyTo : from;
        String name = firstNonBlank(answerTo.name(), from.name());
        String subject = Text.clean(Text.decodeWords(headers.first("Subject"))).replaceAll("\\s+", " ").strip();

        Walk walk = new Walk();
        if (!headers.wellFormed()) walk.malformed("the header block is not valid");
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            walk(message, walk, 0, true, false);
        } catch (MessagingException | RuntimeException e) {
            walk.malformed(e.getMessage());
            walk.appendText(rawText(raw, headers.bodyOffset()));
        }

        String text = Text.clean(walk.text.toString()).strip();
        String html = walk.html == null ? null : HtmlText.sanitize(walk.html);

        boolean nullSender = "<>".equals(stripped(headers.first("Return-Path")));
        boolean daemon = from.address() != null && from.address().toLowerCase(Locale.ROOT).startsWith("mailer-daemon@")
                || from.address() == null && headers.first("From") != null
                && headers.first("From").toLowerCase(Locale.ROOT).contains("mailer-daemon");
        boolean bounce = walk.deliveryReport || nullSender || daemon;
        String autoHeader = token(headers.first("Auto-Submitted"));
        boolean autoSubmitted = bounce || (autoHeader != null && !autoHeader.equals("no"))
                || headers.has("X-Autoreply") || headers.has("X-Autorespond")
                || BULK.contains(String.valueOf(token(headers.first("Precedence"))));
        boolean noAutoReply = autoSubmitted || headers.has("X-Auto-Response-Suppress") || headers.has("List-Id")
                || answerTo.address() == null;

        List<String> bounced = new ArrayList<>(walk.originalIds);
        if (bounce && bounced.isEmpty()) {
            Matcher quoted = QUOTED_MESSAGE_ID.matcher(text);
            while (quoted.find()) bounced.add(quoted.group(1));
        }
        bounced.remove(messageId);
        return new ParsedEmail(key, messageId, List.copyOf(thread), answerTo.address(), name, subject,
                headers.first("Content-Language"), text, html, List.copyOf(walk.attachments), autoSubmitted, noAutoReply,
                bounce, List.copyOf(new LinkedHashSet<>(bounced)), walk.deliveryStatus.toString().strip(),
                walk.malformed, walk.malformedReason, sha256);
    }

    // ------------------------------------------------------------------ MIME structure

    private static final class Walk {
        final StringBuilder text = new StringBuilder();
        String html;
        final List<ParsedEmail.Attachment> attachments = new ArrayList<>();
        final List<String> originalIds = new ArrayList<>();
        final StringBuilder deliveryStatus = new StringBuilder();
        boolean deliveryReport;
        boolean malformed;
        String malformedReason;
        int files;

        void appendText(String more) {
            if (more == null || more.isBlank()) return;
            if (!text.isEmpty()) text.append("\n\n");
            text.append(more.strip());
        }

        void malformed(String reason) {
            if (!malformed) malformedReason = reason == null ? "unreadable MIME structure" : reason;
            malformed = true;
        }
    }

    /**
     * @param takeText  whether this part's text belongs to the case text (false for the alternatives not chosen)
     * @param inReport  inside a delivery report, where a message/rfc822 is the bounced mail, not a forward
     */
    private void walk(Part part, Walk walk, int depth, boolean takeText, boolean inReport) throws MessagingException {
        if (depth > MAX_DEPTH) {
            walk.malformed("MIME parts nested too deep");
            return;
        }
        ContentType type = contentType(part);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        String disposition = disposition(part);
        String filename = filename(part);
        boolean attachment = "attachment".equals(disposition) || filename != null;

        if (base.startsWith("multipart/")) {
            Multipart multipart;
            int count;
            try {
                Object content = part.getContent();
                if (!(content instanceof Multipart mp)) throw new MessagingException("multipart without parts");
                multipart = mp;
                count = multipart.getCount();
            } catch (MessagingException | IOException | RuntimeException e) {
                walk.malformed(e.getMessage());
                if (takeText) walk.appendText(rawText(part));
                return;
            }
            String subtype = type.getSubType().toLowerCase(Locale.ROOT);
            boolean report = subtype.equals("report")
                    && "delivery-status".equalsIgnoreCase(String.valueOf(type.getParameter("report-type")));
            if (report) walk.deliveryReport = true;
            int chosen = subtype.equals("alternative") ? preferred(multipart, count) : -1;
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, walk, depth + 1, takeText && (chosen < 0 || chosen == i), inReport || report);
            }
            return;
        }
        if (base.equals("message/delivery-status")) {
            walk.deliveryReport = true;
            walk.deliveryStatus.append(deliveryStatus(Text.decode(bytes(part), "us-ascii")));
            return;
        }
        if (inReport && (base.equals("message/rfc822") || base.equals("text/rfc822-headers") || base.equals("message/global"))) {
            String id = RawHeaders.messageId(RawHeaders.parse(bytes(part)).first("Message-ID"));
            if (id != null) walk.originalIds.add(id);
            return;
        }
        if (SIGNATURES.contains(base)) return;
        if (base.equals("message/rfc822") && !"attachment".equals(disposition)) {
            forwarded(part, walk, depth, takeText);
            return;
        }
        if (!attachment && base.equals("text/plain")) {
            if (takeText) walk.appendText(Text.decode(bytes(part), type.getParameter("charset")));
            return;
        }
        if (!attachment && base.equals("text/html")) {
            String html = Text.decode(bytes(part), type.getParameter("charset"));
            if (walk.html == null) walk.html = html;
            if (takeText) walk.appendText(HtmlText.toText(html));
            return;
        }
        byte[] content = bytes(part);
        if (content.length == 0) return;
        boolean inline = !"attachment".equals(disposition) && (contentId(part) != null || "inline".equals(disposition));
        String name = filename != null ? filename
                : (inline ? "inline-" : "attachment-") + (++walk.files) + EXTENSIONS.getOrDefault(base, "");
        walk.attachments.add(new ParsedEmail.Attachment(name, base, content, inline));
    }

    /** The alternative to read: plain text if there is any, else HTML, else the last (the richest). */
    private static int preferred(Multipart multipart, int count) throws MessagingException {
        int html = -1;
        for (int i = 0; i < count; i++) {
            String type = contentType(multipart.getBodyPart(i)).getBaseType().toLowerCase(Locale.ROOT);
            if (type.equals("text/plain")) return i;
            if (html < 0 && (type.equals("text/html") || type.startsWith("multipart/"))) html = i;
        }
        return html >= 0 ? html : count - 1;
    }

    private void forwarded(Part part, Walk walk, int depth, boolean takeText) throws MessagingException {
        byte[] bytes = bytes(part);
        RawHeaders headers = RawHeaders.parse(bytes);
        if (takeText) {
            StringBuilder intro = new StringBuilder("----------");
            for (String name : List.of("From", "Date", "Subject")) {
                String value = headers.first(name);
                if (value != null) intro.append('\n').append(name).append(": ").append(Text.decodeWords(value));
            }
            walk.appendText(intro.toString());
        }
        try {
            walk(new MimeMessage(session, new ByteArrayInputStream(bytes)), walk, depth + 1, takeText, false);
        } catch (MessagingException | RuntimeException e) {
            walk.malformed(e.getMessage());
            if (takeText) walk.appendText(rawText(bytes, headers.bodyOffset()));
        }
    }

    private static String deliveryStatus(String report) {
        StringBuilder lines = new StringBuilder();
        for (String block : report.replace("\r\n", "\n").split("\n\\s*\n")) {
            RawHeaders fields = RawHeaders.parse((block.strip() + "\n\n").getBytes(StandardCharsets.UTF_8));
            String recipient = afterSemicolon(firstNonBlank(fields.first("Final-Recipient"), fields.first("Original-Recipient")));
            if (recipient == null) continue;
            lines.append(recipient);
            String action = fields.first("Action");
            String status = fields.first("Status");
            String diagnostic = afterSemicolon(fields.first("Diagnostic-Code"));
            if (action != null) lines.append(": ").append(action);
            if (status != null) lines.append(" (").append(status).append(')');
            if (diagnostic != null) lines.append(' ').append(diagnostic);
            lines.append('\n');
        }
        return lines.toString();
    }

    // ------------------------------------------------------------------ small readers

    private static ContentType contentType(Part part) {
        try {
            String value = part.getContentType();
            if (value != null) return new ContentType(value);
        } catch (MessagingException | RuntimeException e) {
            // a type that does not parse is read as text
        }
        return new ContentType("text", "plain", null);
    }

    private static String disposition(Part part) {
        try {
            String value = part.getDisposition();
            return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String filename(Part part) {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            name = null;
        }
        if (name == null || name.isBlank()) return null;
        return Text.clean(Text.decodeWords(name)).strip();
    }

    private static String contentId(Part part) {
        try {
            String[] ids = part.getHeader("Content-ID");
            return ids == null || ids.length == 0 ? null : ids[0];
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The decoded content; a broken transfer encoding is decoded leniently, or the raw bytes are kept. */
    private static byte[] bytes(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException | RuntimeException e) {
            byte[] raw = rawBytes(part);
            String encoding = null;
            try {
                encoding = part instanceof MimePart mime ? mime.getEncoding() : null;
            } catch (MessagingException | RuntimeException ignored) {
                // keep the raw bytes
            }
            if ("base64".equalsIgnoreCase(encoding)) return Text.base64(new String(raw, StandardCharsets.US_ASCII));
            return raw;
        }
    }

    private static byte[] rawBytes(Part part) {
        try {
            InputStream in = part instanceof jakarta.mail.internet.MimeBodyPart body ? body.getRawInputStream()
                    : part instanceof MimeMessage message ? message.getRawInputStream() : part.getInputStream();
            try (in) {
                return in.readAllBytes();
            }
        } catch (IOException | MessagingException | RuntimeException e) {
            return new byte[0];
        }
    }

    /** The text of a part that could not be parsed, without long base64 lines. */
    private static String rawText(Part part) {
        return stripBase64(Text.decode(rawBytes(part), null));
    }

    private static String rawText(byte[] raw, int bodyOffset) {
        byte[] body = java.util.Arrays.copyOfRange(raw, Math.min(bodyOffset, raw.length), raw.length);
        return stripBase64(Text.decode(body, null));
    }

    private static String stripBase64(String text) {
        return BASE64_LINE.matcher(text).replaceAll("");
    }

    record Sender(String address, String name) {}

    static Sender sender(String header) {
        if (header == null || header.isBlank()) return new Sender(null, null);
        String address = null;
        String name = null;
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
            if (parsed.length > 0) {
                address = parsed[0].getAddress();
                name = parsed[0].getPersonal();
            }
        } catch (AddressException | RuntimeException e) {
            // fall through to the pattern below
        }
        if (address == null || !ADDRESS.matcher(address).matches()) {
            Matcher m = ADDRESS.matcher(header);
            address = m.find() ? m.group() : null;
            if (address != null && name == null) {
                int lt = header.indexOf('<');
                name = lt > 0 ? header.substring(0, lt) : null;
            }
        }
        if (name != null) name = Text.clean(Text.decodeWords(name)).replace("\"", "").replaceAll("\\s+", " ").strip();
        if (address != null && (address.length() > 254 || !ADDRESS.matcher(address).matches())) address = null;
        return new Sender(address == null ? null : address.strip().toLowerCase(Locale.ROOT),
                name == null || name.isBlank() ? null : name);
    }

    private static String token(String value) {
        if (value == null) return null;
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(0, semicolon) : value).strip().toLowerCase(Locale.ROOT);
    }

    private static String afterSemicolon(String value) {
        if (value == null) return null;
        int semicolon = value.indexOf(';');
        String rest = (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip();
        return rest.isEmpty() ? null : rest;
    }

    private static String stripped(String value) {
        return value == null ? null : value.replaceAll("\\s", "");
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

}
