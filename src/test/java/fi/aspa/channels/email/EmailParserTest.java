package fi.aspa.channels.email;

import fi.aspa.platform.SecretBox;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parser alone over the corpus of real-world-like messages in {@code src/test/resources/email}. */
class EmailParserTest {
    final EmailParser parser = new EmailParser();

    static byte[] corpus(String name) {
        try (InputStream in = EmailParserTest.class.getResourceAsStream("/email/" + name)) {
            if (in == null) throw new IllegalArgumentException("No corpus message " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ParsedEmail parse(String name) {
        return parser.parse(corpus(name));
    }

    @Test
    void multipartAlternativePrefersThePlainTextAndKeepsTheHtmlForDisplay() {
        ParsedEmail mail = parse("01-multipart-alternative.eml");
        assertThat(mail.messageKey()).isEqualTo("CAF1a2b3c4d5e6f7@mail.example.fi");
        assertThat(mail.fromAddress()).isEqualTo("maija.meikalainen@example.fi");
        assertThat(mail.fromName()).isEqualTo("Maija Meikäläinen");
        assertThat(mail.subject()).isEqualTo("Katuvalo ei toimi Koivukujalla");
        assertThat(mail.text()).contains("Ilta on pimeä ja koululaiset kulkevat siitä.").doesNotContain("HTML-versio");
        assertThat(mail.html()).contains("<b>HTML-versio</b>");
        assertThat(mail.autoSubmitted()).isFalse();
        assertThat(mail.noAutoReply()).isFalse();
        assertThat(mail.bounce()).isFalse();
        assertThat(mail.malformed()).isFalse();
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void htmlOnlyBecomesTextWithoutScriptsAndIsSanitizedForDisplay() {
        ParsedEmail mail = parse("02-html-only-script.eml");
        assertThat(mail.text())
                .contains("Roska-astiat", "puiston roska-astiat ovat olleet täynnä jo kaksi viikkoa.", "kuva <https://example.com/kuva>",
                        "- Puistokatu 1", "- Puistokatu 3", "Kiitos!")
                .doesNotContain("alert", "evil", "color: red", "Otsikko jota ei näytetä", "javascript");
        assertThat(mail.html())
                .contains("<b>jo kaksi viikkoa</b>", "href=\"https://example.com/kuva\"")
                .doesNotContain("<script", "onload", "javascript:", "tracker.example", "<iframe", "<style");
    }

    @Test
    void inlineImagesAreKeptAsFiles() {
        ParsedEmail mail = parse("03-inline-image.eml");
        assertThat(mail.text()).contains("Parkbänken vid stranden är trasig", "[bänken]");
        assertThat(mail.attachments()).singleElement().satisfies(a -> {
            assertThat(a.filename()).isEqualTo("bank.png");
            assertThat(a.inline()).isTrue();
            assertThat(a.content()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        });
        assertThat(mail.html()).contains("src=\"cid:bench&#64;example.se\"");
    }

    @Test
    void attachmentsWithRfc2231NamesAreCollected() {
        ParsedEmail mail = parse("04-attachments.eml");
        assertThat(mail.attachments()).extracting(ParsedEmail.Attachment::filename)
                .containsExactly("asemapiirros käsin.pdf", "ohjelma.exe");
        assertThat(new String(mail.attachments().getFirst().content(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4");
    }

    @Test
    void latin1BodyAndEncodedWordsBecomeUnicode() {
        ParsedEmail mail = parse("05-iso-8859-1-body.eml");
        assertThat(mail.subject()).isEqualTo("Päivähoitomaksu");
        assertThat(mail.fromName()).isEqualTo("Päivi Hämäläinen");
        assertThat(mail.text()).contains("päivähoitomaksuni on väärin", "vähemmän", "Päivi Hämäläinen");
    }

    @Test
    void windows1252EncodedWordsKeepTheEuroSignAndQuotes() {
        ParsedEmail mail = parse("06-windows-1252-subject.eml");
        assertThat(mail.subject()).isEqualTo("Lasku 100 € – “väärä” summa");
        assertThat(mail.text()).isEqualTo("Sain laskun, jonka summa on 100 €. Se on “väärä” – pyydän oikaisua.");
    }

    @Test
    void outlookReplyCarriesItsThreadNearestFirst() {
        ParsedEmail mail = parse("07-outlook-reply.eml");
        assertThat(mail.threadIds()).containsExactly("CAF1a2b3c4d5e6f7@mail.example.fi", "aspa.reply-placeholder@testila.fi");
        assertThat(mail.contentLanguage()).isEqualTo("fi-FI");
        assertThat(mail.text()).startsWith("Lisätieto: valo välkkyy nyt myös talon 14 kohdalla.");
        assertThat(mail.autoSubmitted()).isFalse();
    }

    @Test
    void autoRepliesAreRecognized() {
        ParsedEmail mail = parse("08-auto-reply.eml");
        assertThat(mail.autoSubmitted()).isTrue();
        assertThat(mail.noAutoReply()).isTrue();
        assertThat(mail.bounce()).isFalse();
    }

    @Test
    void deliveryStatusNotificationsNameTheBouncedMessage() {
        ParsedEmail mail = parse("09-dsn-bounce.eml");
        assertThat(mail.bounce()).isTrue();
        assertThat(mail.autoSubmitted()).isTrue();
        assertThat(mail.bouncedIds()).containsExactly("CAF1a2b3c4d5e6f7@mail.example.fi");
        assertThat(mail.bounceSummary()).contains("maija.meikalainen@example.fi: failed (5.1.1)", "User unknown");
    }

    @Test
    void aMessageWithoutMessageIdIsKeyedByItsBytes() {
        ParsedEmail mail = parse("10-missing-message-id.eml");
        assertThat(mail.messageId()).isNull();
        assertThat(mail.messageKey()).isEqualTo("sha256:" + mail.rawSha256()).hasSize(7 + 64);
        assertThat(parse("10-missing-message-id.eml").messageKey()).isEqualTo(mail.messageKey());
    }

    @Test
    void aBrokenBoundaryIsFlaggedAndItsTextKept() {
        ParsedEmail mail = parse("11-broken-boundary.eml");
        assertThat(mail.malformed()).isTrue();
        assertThat(mail.malformedReason()).isNotBlank();
        assertThat(mail.text()).contains("Viestin teksti on täällä, vaikka rakenne on rikki.");
        assertThat(mail.text()).doesNotContain("JVBERi0"); // the base64 of the PDF is not case text
    }

    @Test
    void eightBitHeadersInUtf8AndInLatin1AreReadable() {
        ParsedEmail utf8 = parse("12-8bit-headers.eml");
        assertThat(utf8.subject()).isEqualTo("Hämeenlinnan kirjasto – aukioloajat?");
        assertThat(utf8.fromName()).isEqualTo("Åsa Öberg-Äijälä");
        assertThat(utf8.text()).contains("När är biblioteket öppet");
        ParsedEmail latin1 = parse("13-8bit-latin1-headers.eml");
        assertThat(latin1.subject()).isEqualTo("Jäänestokuoppa Ässäkadulla");
        assertThat(latin1.fromName()).isEqualTo("Jörö Jääskeläinen");
        assertThat(latin1.text()).contains("Ässäkadulla on iso kuoppa", "pyöräilijöille");
    }

    @Test
    void aForwardedMessageAddsItsText() {
        ParsedEmail mail = parse("14-forwarded.eml");
        assertThat(mail.text()).contains("Välitän naapurin viestin", "From: Naapuri <naapuri@example.fi>",
                "Subject: Melu rakennustyömaalta", "Työmaalla paukutetaan jo kuudelta aamulla.");
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void garbageIsKeptNotDropped() {
        ParsedEmail mail = parser.parse("this is not an email at all\r\njust some bytes \u0000\u0001".getBytes(StandardCharsets.UTF_8));
        assertThat(mail.malformed()).isTrue();
        assertThat(mail.messageKey()).startsWith("sha256:");
        ParsedEmail empty = parser.parse(new byte[0]);
        assertThat(empty.malformed()).isTrue();
        assertThat(empty.text()).isEmpty();
    }

    @Test
    void languageIsGuessedFromHeaderOrWords() {
        assertThat(LanguageGuess.guess("sv-FI", "", "")).isEqualTo(fi.aspa.platform.Language.SV);
        assertThat(LanguageGuess.guess(null, "Trasig parkbänk", "Hej! Parkbänken är trasig och det är farligt för barnen."))
                .isEqualTo(fi.aspa.platform.Language.SV);
        assertThat(LanguageGuess.guess(null, "Broken bench", "Hello, the bench in the park is broken and it is not safe. Thank you"))
                .isEqualTo(fi.aspa.platform.Language.EN);
        assertThat(LanguageGuess.guess(null, "Katuvalo", "Hei, katuvalo ei toimi ja on pimeää. Kiitos")).isEqualTo(fi.aspa.platform.Language.FI);
        assertThat(LanguageGuess.guess(null, "", "")).isEqualTo(fi.aspa.platform.Language.FI);
    }

    @Test
    void encodedWordsAreDecodedLeniently() {
        assertThat(Text.decodeWords("=?UTF-8?B?SMOkbWVlbmxpbm5h?= =?UTF-8?Q?_kirjasto?=")).isEqualTo("Hämeenlinna kirjasto");
        assertThat(Text.decodeWords("Re:=?utf-8?q?P=C3=A4iv=C3=A4?=")).isEqualTo("Re:Päivä");
        // a character split over two encoded words
        assertThat(Text.decodeWords("=?UTF-8?B?w6Q=?= =?UTF-8?B?w7Y=?=")).isEqualTo("äö");
        assertThat(Text.decodeWords("=?x-unknown?Q?abc?=")).isEqualTo("abc");
        assertThat(Text.decodeWords("no words here")).isEqualTo("no words here");
    }

    @Test
    void secretsAreSealedPerPlaceAndOpenOnlyThere() {
        SecretBox box = new SecretBox("3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhs=");
        String sealed = box.seal("salasana", "email_mailbox:1:imap");
        assertThat(sealed).startsWith("v1:").doesNotContain("salasana");
        assertThat(box.seal("salasana", "email_mailbox:1:imap")).isNotEqualTo(sealed);
        assertThat(box.open(sealed, "email_mailbox:1:imap")).isEqualTo("salasana");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> box.open(sealed, "email_mailbox:2:imap"))
                .isInstanceOf(IllegalStateException.class);
        SecretBox none = new SecretBox("");
        assertThat(none.open(none.seal("x", "c"), "c")).isEqualTo("x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> none.open(sealed, "email_mailbox:1:imap"))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SecretBox("too-short"))
                .isInstanceOf(IllegalStateException.class);
    }
}
