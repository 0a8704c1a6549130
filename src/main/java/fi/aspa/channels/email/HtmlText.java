package fi.aspa.channels.email;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.PolicyFactory;

/**
 * HTML mail, made safe (OWASP Java HTML Sanitizer): for display, only formatting, tables, links and images that
 * come with the message ({@code cid:}) survive — no scripts, styles, forms or remote images (tracking pixels);
 * and as plain text for the case, with paragraphs, line breaks, list items and link targets kept.
 */
final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "table", "ul", "ol", "hr", "section", "article", "header", "footer", "address", "dd", "dt");
    private static final String[] TEXT_ELEMENTS = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "thead",
            "tbody", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "a", "b", "i", "em", "strong",
            "span", "font", "u", "s", "small", "big", "sub", "sup", "code", "section", "article", "header", "footer",
            "address", "center", "dl", "dd", "dt", "img", "caption", "label", "abbr", "cite", "q", "tt", "body", "html"};

    static final PolicyFactory DISPLAY = new HtmlPolicyBuilder()
            .allowCommonBlockElements()
            .allowCommonInlineFormattingElements()
            .allowElements("a", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "br", "hr", "img",
                    "blockquote", "pre", "code", "span", "div", "ul", "ol", "li", "dl", "dt", "dd")
            .allowUrlProtocols("http", "https", "mailto", "cid")
            .allowAttributes("href").onElements("a")
            .requireRelsOnLinks("noopener", "noreferrer", "nofollow")
            .allowAttributes("src").matching(Pattern.compile("(?i)cid:[^\\s\"'<>]{1,500}")).onElements("img")
            .allowAttributes("alt", "width", "height").onElements("img")
            .allowAttributes("colspan", "rowspan").onElements("td", "th")
            .toFactory();

    private HtmlText() {}

    static String sanitize(String html) {
        return html == null ? null : DISPLAY.sanitize(html);
    }

    static String toText(String html) {
        if (html == null || html.isBlank()) return "";
        TextReceiver receiver = new TextReceiver();
        HtmlSanitizer.Policy policy = new HtmlPolicyBuilder()
                .allowElements(TEXT_ELEMENTS)
                .allowUrlProtocols("http", "https", "mailto")
                .allowAttributes("href").onElements("a")
                .allowAttributes("alt").onElements("img")
                .build(receiver);
        HtmlSanitizer.sanitize(html, policy);
        return receiver.result();
    }

    private static final class TextReceiver implements HtmlStreamEventReceiver {
        private final StringBuilder out = new StringBuilder();
        private final Deque<String> links = new ArrayDeque<>();
        private int linkTextStart;
        private int pre;

        @Override
        public void openDocument() {}

        @Override
        public void closeDocument() {}

        @Override
        public void openTag(String element, List<String> attrs) {
            switch (element) {
                case "br" -> out.append('\n');
                case "li" -> { newline(); out.append("- "); }
                case "tr" -> newline();
                case "td", "th" -> out.append(' ');
                case "pre" -> { block(); pre++; }
                case "a" -> {
                    links.push(attribute(attrs, "href"));
                    linkTextStart = out.length();
                }
                case "img" -> {
                    String alt = attribute(attrs, "alt");
                    if (!alt.isBlank()) out.append('[').append(alt.strip()).append(']');
                }
                default -> { if (BLOCKS.contains(element)) block(); }
            }
        }

        @Override
        public void closeTag(String element) {
            if (element.equals("a") && !links.isEmpty()) {
                String href = links.pop();
                String text = out.substring(Math.min(linkTextStart, out.length())).strip();
                String target = href.startsWith("mailto:") ? href.substring(7) : href;
                if (!href.isBlank() && !text.equals(target) && !text.equals(href)) out.append(" <").append(target).append('>');
            } else if (element.equals("li") || element.equals("tr")) {
                newline();
            } else if (element.equals("pre")) {
                pre = Math.max(0, pre - 1);
                block();
            } else if (BLOCKS.contains(element) && !element.equals("br")) {
                block();
            }
        }

        @Override
        public void text(String text) {
            if (pre > 0) {
                out.append(text);
                return;
            }
            String collapsed = text.replace('\u00a0', ' ').replaceAll("[ \\t\\r\\n\\f]+", " ");
            if (collapsed.startsWith(" ") && (out.isEmpty() || Character.isWhitespace(out.charAt(out.length() - 1)))) {
                collapsed = collapsed.substring(1);
            }
            out.append(collapsed);
        }

        private void newline() {
            trimTrailingSpaces();
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') out.append('\n');
        }

        private void block() {
            newline();
            if (out.length() >= 2 && out.charAt(out.length() - 2) != '\n') out.append('\n');
        }

        private void trimTrailingSpaces() {
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') end--;
            out.setLength(end);
        }

        private static String attribute(List<String> attrs, String name) {
            for (int i = 0; i + 1 < attrs.size(); i += 2) {
                if (attrs.get(i).equals(name)) return attrs.get(i + 1);
            }
            return "";
        }

        String result() {
            String text = out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
            return text.strip();
        }
    }
}
