package dev.herald.email.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.email.control.EmailComposer.Email;
import dev.herald.inbox.entity.Notification;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailComposerTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String INBOX = "https://herald.example/inbox";
    static final String UNSUBSCRIBE = "https://herald.example/unsubscribe?t=abc&c=social";
    static int events;

    static Notification notification(String title, String body, String locale) {
        return new Notification(
                        "bob",
                        "/src",
                        "e" + (++events),
                        "post.liked",
                        "social",
                        title,
                        body,
                        JsonValue.EMPTY_JSON_OBJECT,
                        JsonValue.EMPTY_JSON_ARRAY,
                        T0)
                .deliveredAs("normal", locale);
    }

    static List<Notification> notifications(int count, String locale) {
        List<Notification> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(notification("title " + i + ".", "body " + i + ".", locale));
        }
        return list;
    }

    static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aSingleNotificationsTitleIsTheSubjectAndItsTextIsInBothBodies() {
        Email email = EmailComposer.single(notification("Ann liked your post", "Nice one", "en"), INBOX, UNSUBSCRIBE);
        assertThat(email.subject()).isEqualTo("Ann liked your post");
        assertThat(email.text())
                .startsWith("Ann liked your post\n\nNice one\n\n")
                .contains("Open your inbox: " + INBOX)
                .contains("-- \nYou get this email because social notifications are on for email")
                .endsWith("Unsubscribe from social emails: " + UNSUBSCRIBE + "\n");
        assertThat(email.html())
                .startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains("<h1 style=\"font-size:18px\">Ann liked your post</h1>\n<p>Nice one</p>")
                .contains("<a href=\"" + INBOX + "\"")
                .contains(">Open your inbox</a>")
                .contains("<p style=\"font-weight:600;color:#3451b2\">Herald</p>")
                .contains("<a href=\"https://herald.example/unsubscribe?t=abc&amp;c=social\">"
                        + "Unsubscribe from social emails</a>");
    }

    @Test
    void theHtmlBodyEscapesTheTitleAndTheBody() {
        Email email = EmailComposer.single(
                notification("<script>alert('x')</script>", "Tom & \"Jerry\" <b>", "en"), INBOX, UNSUBSCRIBE);
        assertThat(email.html())
                .doesNotContain("<script>", "<b>", "'x'")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("Tom &amp; &quot;Jerry&quot; &lt;b&gt;");
        // the plain text is not HTML: it stays as written
        assertThat(email.text()).contains("<script>alert('x')</script>", "Tom & \"Jerry\" <b>");
    }

    @Test
    void escapeReplacesTheFiveHtmlSpecialCharacters() {
        assertThat(EmailComposer.escape("<>&\"'")).isEqualTo("&lt;&gt;&amp;&quot;&#39;");
        assertThat(EmailComposer.escape("plain ä ☃")).isEqualTo("plain ä ☃");
        assertThat(EmailComposer.escape("&amp;")).isEqualTo("&amp;amp;");
    }

    @Test
    void theSubjectIsOneLineWhateverTheTitleHolds() {
        Email email = EmailComposer.single(
                notification("Hello\r\nBcc: everyone@example.com\n\rX", "", "en"), INBOX, UNSUBSCRIBE);
        assertThat(email.subject())
                .isEqualTo("Hello Bcc: everyone@example.com X")
                .doesNotContain("\r", "\n");
        assertThat(EmailComposer.single(notification("\n  padded \r\n", "", "en"), INBOX, UNSUBSCRIBE)
                        .subject())
                .isEqualTo("padded");
    }

    @Test
    void aLongTitleIsCutInTheSubjectButNotInTheBody() {
        String title = "t".repeat(300);
        Email email = EmailComposer.single(notification(title, "", "en"), INBOX, UNSUBSCRIBE);
        assertThat(email.subject()).hasSize(200).endsWith("…");
        assertThat(email.text()).startsWith(title);
    }

    @Test
    void germanWordsComeFromTheGermanMessages() {
        Email email = EmailComposer.single(notification("Titel", "Text", "de"), INBOX, UNSUBSCRIBE);
        assertThat(email.html())
                .contains("<html lang=\"de\">")
                .contains(">Posteingang öffnen</a>")
                .contains("Du erhältst diese E-Mail, weil Benachrichtigungen zu social")
                .contains(">E-Mails zu social abbestellen</a>");
        assertThat(email.text())
                .contains("Posteingang öffnen: " + INBOX)
                .contains("E-Mails zu social abbestellen: " + UNSUBSCRIBE);
    }

    @Test
    void polishWordsComeFromThePolishMessages() {
        Email email = EmailComposer.single(notification("Tytuł", "Treść", "pl"), INBOX, UNSUBSCRIBE);
        assertThat(email.html())
                .contains("<html lang=\"pl\">")
                .contains(">Otwórz skrzynkę</a>")
                .contains(">Wypisz się z e-maili o social</a>");
        assertThat(email.text()).contains("Otrzymujesz ten e-mail, ponieważ powiadomienia o social");
    }

    @Test
    void aRegionalLocaleUsesItsLanguagesMessages() {
        Email email = EmailComposer.single(notification("Titel", "Text", "de-AT"), INBOX, UNSUBSCRIBE);
        assertThat(email.text()).contains("Posteingang öffnen: " + INBOX);
        assertThat(email.html()).contains("<html lang=\"de-AT\">");
    }

    @Test
    void aLanguageWithoutMessagesOrNoLocaleReadsEnglish() {
        Email french = EmailComposer.single(notification("Titre", "Texte", "fr"), INBOX, UNSUBSCRIBE);
        assertThat(french.text()).contains("Open your inbox: " + INBOX);
        assertThat(french.html()).contains("<html lang=\"fr\">");
        Email none = EmailComposer.single(notification("Title", "Text", null), INBOX, UNSUBSCRIBE);
        assertThat(none.text()).contains("Open your inbox: " + INBOX, "Unsubscribe from social emails");
        assertThat(none.html()).contains("<html lang=\"en\">");
    }

    @ParameterizedTest
    @CsvSource({
        "en, 1, 1 new notification",
        "en, 2, 2 new notifications",
        "en, 11, 11 new notifications",
        "de, 1, 1 neue Benachrichtigung",
        "de, 2, 2 neue Benachrichtigungen",
        "pl, 1, 1 nowe powiadomienie",
        "pl, 2, 2 nowe powiadomienia",
        "pl, 4, 4 nowe powiadomienia",
        "pl, 5, 5 nowych powiadomień",
        "pl, 12, 12 nowych powiadomień",
        "pl, 22, 22 nowe powiadomienia",
        "pl, 25, 25 nowych powiadomień",
    })
    void theDigestSubjectCountsTheNotificationsInTheRecipientsPluralForm(String locale, int count, String subject) {
        assertThat(EmailComposer.digest(notifications(count, locale), INBOX, UNSUBSCRIBE)
                        .subject())
                .isEqualTo(subject);
    }

    @Test
    void aDigestListsEachNotificationInOrderAndUnsubscribesFromAllEmail() {
        List<Notification> list = List.of(notification("<Newest>", "a & b", "en"), notification("Older", "", "en"));
        Email email = EmailComposer.digest(list, INBOX, UNSUBSCRIBE);
        assertThat(email.text())
                .startsWith("Here is what you have not seen yet:\n\n* <Newest>\n  a & b\n* Older\n\n")
                .contains("Open your inbox: " + INBOX)
                .endsWith("-- \nUnsubscribe from all Herald emails: " + UNSUBSCRIBE + "\n");
        assertThat(email.html())
                .contains("<p>Here is what you have not seen yet:</p>\n<ul>\n"
                        + "<li><strong>&lt;Newest&gt;</strong><br>a &amp; b</li>\n"
                        + "<li><strong>Older</strong><br></li>\n</ul>\n")
                .contains(">Unsubscribe from all Herald emails</a>")
                .doesNotContain("<Newest>", "You get this email because");
    }

    @Test
    void aDigestListsAtMostFiftyAndSaysHowManyMore() {
        Email email = EmailComposer.digest(notifications(53, "en"), INBOX, UNSUBSCRIBE);
        assertThat(email.subject()).isEqualTo("53 new notifications");
        assertThat(occurrences(email.html(), "<li>")).isEqualTo(EmailComposer.DIGEST_LIMIT);
        assertThat(occurrences(email.text(), "\n* ")).isEqualTo(EmailComposer.DIGEST_LIMIT);
        assertThat(email.html()).contains("title 49.").doesNotContain("title 50.", "title 52.");
        assertThat(email.text())
                .contains("* title 49.\n  body 49.\nand 3 more\n")
                .doesNotContain("title 50.");
        assertThat(email.html()).contains("</ul>\n<p>and 3 more</p>");
    }

    @Test
    void aDigestOfExactlyFiftyNamesThemAllAndNoMore() {
        Email email = EmailComposer.digest(notifications(50, "en"), INBOX, UNSUBSCRIBE);
        assertThat(occurrences(email.html(), "<li>")).isEqualTo(50);
        assertThat(email.text()).doesNotContain("more");
        assertThat(email.html()).doesNotContain("more");
    }

    @Test
    void aDigestSpeaksTheLanguageOfItsNewestNotification() {
        List<Notification> list = new ArrayList<>(notifications(51, "de"));
        list.add(notification("English", "", "en"));
        Email german = EmailComposer.digest(list, INBOX, UNSUBSCRIBE);
        assertThat(german.subject()).isEqualTo("52 neue Benachrichtigungen");
        assertThat(german.text())
                .startsWith("Das hast du noch nicht gesehen:\n\n")
                .contains("und 2 weitere\n")
                .contains("Alle Herald-E-Mails abbestellen: " + UNSUBSCRIBE);
        assertThat(german.html()).contains("<html lang=\"de\">");

        Email polish = EmailComposer.digest(notifications(55, "pl"), INBOX, UNSUBSCRIBE);
        assertThat(polish.subject()).isEqualTo("55 nowych powiadomień");
        assertThat(polish.text())
                .startsWith("Oto, czego jeszcze nie widzisz:\n\n")
                .contains("i 5 więcej\n")
                .contains("Wypisz się ze wszystkich e-maili Herald: " + UNSUBSCRIBE);
    }

    /** The English fallback is formatted with the recipient's plural rules, not English ones. */
    @ParameterizedTest
    @CsvSource({
        "ja, 1, 1 new notification",
        "zh, 1, 1 new notification",
        "ru, 21, 21 new notifications",
        "lv, 21, 21 new notifications",
    })
    void theEnglishFallbackUsesEnglishPluralRules(String locale, int count, String subject) {
        assertThat(EmailComposer.digest(notifications(count, locale), "i", "u").subject())
                .isEqualTo(subject);
    }

    @Test
    void cuttingALongSubjectDoesNotSplitASurrogatePair() {
        Notification n = new Notification(
                        "bob",
                        "/src",
                        "e",
                        "post.liked",
                        "social",
                        "a".repeat(198) + "\uD83D\uDE00" + "b".repeat(10),
                        "",
                        JsonValue.EMPTY_JSON_OBJECT,
                        JsonValue.EMPTY_JSON_ARRAY,
                        T0)
                .deliveredAs("normal", "en");
        String subject = EmailComposer.single(n, "i", "u").subject();
        assertThat(Character.isHighSurrogate(subject.charAt(subject.length() - 2)))
                .as("a lone high surrogate before the ellipsis")
                .isFalse();
    }
}
