package fi.aspa.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.MessageSource;

/**
 * Messages that count something agree with the count: one case is "1 asia" / "1 ärende" / "1 case", not "1 asiaa" /
 * "1 ärenden" / "1 cases". They use {@link MessageFormat}'s choice format, which only works when the page passes
 * the count as a number, so these render through the application's own {@link MessageSource}.
 */
class CountMessagesTest {
    static final MessageSource MESSAGES = new MessagesConfig().messageSource();
    static final Pattern ARGUMENT = Pattern.compile("\\{\\d");

    static String render(String key, String language, Object... args) {
        return MESSAGES.getMessage(key, args, Locale.forLanguageTag(language));
    }

    /** The second argument: the page number, or for directory.results the words searched. */
    @ParameterizedTest(name = "{0} {1} with {2}")
    @CsvSource(delimiter = '|', textBlock = """
            workspace.results.count | fi | 1 | 1 | Sivulla 1 näytetään 1 asia.
            workspace.results.count | fi | 2 | 1 | Sivulla 1 näytetään 2 asiaa.
            workspace.results.count | sv | 1 | 1 | På sidan 1 visas 1 ärende.
            workspace.results.count | sv | 2 | 1 | På sidan 1 visas 2 ärenden.
            workspace.results.count | en | 1 | 1 | Page 1 shows 1 case.
            workspace.results.count | en | 2 | 1 | Page 1 shows 2 cases.
            bot.unanswered.count    | fi | 1 | 1 | 1 kysymys
            bot.unanswered.count    | fi | 2 | 1 | 2 kysymystä
            bot.unanswered.count    | sv | 1 | 1 | 1 fråga
            bot.unanswered.count    | sv | 2 | 1 | 2 frågor
            bot.unanswered.count    | en | 1 | 1 | 1 question
            bot.unanswered.count    | en | 2 | 1 | 2 questions
            callbacks.count         | fi | 1 | 1 | 1 soittopyyntö
            callbacks.count         | fi | 2 | 1 | 2 soittopyyntöä, aikaisin toivottu aika ensin
            callbacks.count         | sv | 1 | 1 | 1 begäran om återuppringning
            callbacks.count         | sv | 2 | 1 | 2 begäranden om återuppringning, tidigaste önskade tid först
            callbacks.count         | en | 1 | 1 | 1 callback request
            callbacks.count         | en | 2 | 1 | 2 callback requests, earliest preferred time first
            directory.results       | fi | 1 | lupa | 1 osuma haulle ”lupa”
            directory.results       | fi | 2 | lupa | 2 osumaa haulle ”lupa”
            directory.results       | sv | 1 | lupa | 1 träff för ”lupa”
            directory.results       | sv | 2 | lupa | 2 träffar för ”lupa”
            directory.results       | en | 1 | lupa | 1 result for “lupa”
            directory.results       | en | 2 | lupa | 2 results for “lupa”
            chat.error.chat-limit-other | fi | 1 | 1 | Asiakaspalvelijalla on jo 1 keskustelu.
            chat.error.chat-limit-other | fi | 2 | 1 | Asiakaspalvelijalla on jo 2 keskustelua.
            chat.error.chat-limit-other | en | 1 | 1 | That agent already has 1 chat.
            chat.error.chat-limit-other | en | 2 | 1 | That agent already has 2 chats.
            staffing.nav.order.new-replies | fi | 1 | 1 | 1 uusi vastaus
            staffing.nav.order.new-replies | fi | 2 | 1 | 2 uutta vastausta
            staffing.nav.order.new-replies | sv | 1 | 1 | 1 nytt svar
            staffing.nav.order.new-replies | sv | 2 | 1 | 2 nya svar
            staffing.nav.order.new-replies | en | 1 | 1 | 1 new reply
            staffing.nav.order.new-replies | en | 2 | 1 | 2 new replies
            """)
    void aCountAgreesWithItsNoun(String key, String language, int count, String second, String expected) {
        Object secondArgument = second.matches("\\d+") ? Integer.valueOf(second) : second;
        assertThat(render(key, language, count, secondArgument)).isEqualTo(expected);
    }

    @Test
    void theChatLimitReadsRightForOneChat() {
        assertThat(render("chat.error.chat-limit", "fi", 1)).isEqualTo("Sinulla on jo keskustelu. Päätä se ennen kuin otat uuden.");
        assertThat(render("chat.error.chat-limit", "fi", 3)).isEqualTo("Sinulla on jo 3 keskustelua. Päätä jokin ennen kuin otat uuden.");
        assertThat(render("chat.error.chat-limit", "sv", 1)).isEqualTo("Du har redan ett samtal. Avsluta det innan du tar ett nytt.");
        assertThat(render("chat.error.chat-limit", "sv", 3)).isEqualTo("Du har redan 3 samtal. Avsluta något innan du tar ett nytt.");
    }

    @Test
    void theRulePreviewReadsRightForOneExaminedCase() {
        assertThat(render("routing.admin.preview.count", "fi", 1, 1)).isEqualTo("Tämä sääntö olisi osunut 1 asiaan yhdestä viimeaikaisesta asiasta.");
        assertThat(render("routing.admin.preview.count", "fi", 2, 3)).isEqualTo("Tämä sääntö olisi osunut 2 asiaan viimeisistä 3 asiasta.");
        assertThat(render("routing.admin.preview.count", "sv", 0, 1)).isEqualTo("Den här regeln skulle ha träffat 0 av 1 tidigare ärende.");
        assertThat(render("routing.admin.preview.count", "sv", 2, 3)).isEqualTo("Den här regeln skulle ha träffat 2 av de senaste 3 ärendena.");
    }

    @Test
    void theAssignmentReasonCountsOpenCasesAndCandidates() {
        Object[] one = {"Aino", "Osaaja", "Rakennuslupa", "suomi", 1, 1};
        Object[] two = {"Aino", "Osaaja", "Rakennuslupa", "suomi", 2, 3};
        assertThat(render("staffing.reason.assigned", "fi", one)).contains("töissä, 1 avoin asia (ainoa sopiva töissä oleva).");
        assertThat(render("staffing.reason.assigned", "fi", two)).contains("töissä, 2 avointa asiaa (vähiten 3 sopivasta töissä olevasta).");
        assertThat(render("staffing.reason.assigned", "sv", one)).contains("i arbete, 1 öppet ärende (den enda lämpliga personen i arbete).");
        assertThat(render("staffing.reason.assigned", "sv", two)).contains("i arbete, 2 öppna ärenden (minst av 3 lämpliga personer i arbete).");
        assertThat(render("staffing.confirm.intro", "fi", 1)).startsWith("Vahvista profiilisi vähintään kerran kuukaudessa.");
        assertThat(render("staffing.confirm.intro", "sv", 6)).startsWith("Bekräfta din profil minst var 6:e månad.");
    }

    /** A message with arguments goes through MessageFormat: a broken choice pattern or a stray apostrophe shows here, not on a page. */
    @Test
    void everyMessageWithArgumentsIsAValidMessageFormat() throws IOException {
        for (String bundle : MessagesTest.BUNDLES) {
            for (String language : MessagesTest.LANGUAGES) {
                MessagesTest.load(bundle, language).forEach((key, value) -> {
                    String text = value.toString();
                    if (!ARGUMENT.matcher(text).find()) return;
                    assertThatCode(() -> new MessageFormat(text, Locale.forLanguageTag(language)))
                            .as(bundle + "_" + language + ": " + key).doesNotThrowAnyException();
                    assertThat(text).as(bundle + "_" + language + ": " + key + " (an apostrophe would vanish in MessageFormat)")
                            .doesNotContain("'");
                });
            }
        }
    }
}
