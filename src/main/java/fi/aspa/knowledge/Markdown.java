package fi.aspa.knowledge;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Article bodies are Markdown. Raw HTML in them is escaped by the renderer, and the result passes the OWASP
 * sanitizer as well, so a body can never bring a script, a style or an event handler into a page.
 */
final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code",
                    "em", "strong", "a")
            .allowUrlProtocols("https", "http", "mailto", "tel")
            .allowAttributes("href").onElements("a")
            .requireRelNofollowOnLinks()
            .toFactory();

    private Markdown() {}

    /** Safe HTML; a Markdown top-level heading becomes an h2 (the page has its own h1). */
    static String html(String markdown) {
        if (markdown == null || markdown.isBlank()) return "";
        String html = HTML.render(PARSER.parse(markdown)).replace("<h1>", "<h2>").replace("</h1>", "</h2>");
        return POLICY.sanitize(html);
    }

    /** Plain text for the search index and previews. */
    static String text(String markdown) {
        if (markdown == null || markdown.isBlank()) return "";
        return TEXT.render(PARSER.parse(markdown)).strip();
    }
}
