package dev.herald.sms.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.sms.control.SmsText.Encoding;
import dev.herald.sms.control.SmsText.Segments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsTextTest {
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EMOJI = "😀";

    @ParameterizedTest
    @ValueSource(strings = {"+14155552671", "+4915112345678", "+1234567", "+123456789012345", "+999999999999999"})
    void acceptsE164Numbers(String number) {
        assertThat(SmsText.isE164(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "+",
                "14155552671",
                "+04155552671",
                "+123456",
                "+1234567890123456",
                "+1 415 555 2671",
                "+1-415-555-2671",
                "++14155552671",
                " +14155552671",
                "+14155552671 ",
                "+14155552671\n",
                "+1415555267a",
                "+١٤١٥٥٥٥٢٦٧١",
                "+１４１５５５５２６７１"
            })
    void refusesWhatIsNotE164(String number) {
        assertThat(SmsText.isE164(number)).isFalse();
    }

    @Test
    void refusesNoNumber() {
        assertThat(SmsText.isE164(null)).isFalse();
    }

    @Test
    void theWholeBasicSetIsOneSeptetEach() {
        assertThat(GSM_BASIC).hasSize(127);
        assertThat(SmsText.isGsm7(GSM_BASIC)).isTrue();
        assertThat(SmsText.count(GSM_BASIC)).isEqualTo(new Segments(Encoding.GSM7, 127, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"})
    void extensionCharactersTakeTwoSeptets(String c) {
        assertThat(SmsText.count(c)).isEqualTo(new Segments(Encoding.GSM7, 2, 1));
        assertThat(SmsText.count("a" + c + "b")).isEqualTo(new Segments(Encoding.GSM7, 4, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ç", "á", "õ", "Ž", "ж", "\t", "`", "’", "“", "…", "中", EMOJI})
    void anythingElseIsUcs2(String c) {
        assertThat(SmsText.isGsm7("plain text " + c)).isFalse();
        assertThat(SmsText.count("plain text " + c).encoding()).isEqualTo(Encoding.UCS2);
    }

    @Test
    void gsmTextFitsOneMessageUpTo160Septets() {
        assertThat(SmsText.count("a".repeat(160))).isEqualTo(new Segments(Encoding.GSM7, 160, 1));
        assertThat(SmsText.count("a".repeat(161))).isEqualTo(new Segments(Encoding.GSM7, 161, 2));
        assertThat(SmsText.count("a".repeat(306))).isEqualTo(new Segments(Encoding.GSM7, 306, 2));
        assertThat(SmsText.count("a".repeat(307))).isEqualTo(new Segments(Encoding.GSM7, 307, 3));
        assertThat(SmsText.count("a".repeat(459))).isEqualTo(new Segments(Encoding.GSM7, 459, 3));
    }

    @Test
    void extensionCharactersCountTwiceTowardsTheLimits() {
        assertThat(SmsText.count("€".repeat(80))).isEqualTo(new Segments(Encoding.GSM7, 160, 1));
        assertThat(SmsText.count("€".repeat(81))).isEqualTo(new Segments(Encoding.GSM7, 162, 2));
        assertThat(SmsText.count("a".repeat(159) + "{")).isEqualTo(new Segments(Encoding.GSM7, 161, 2));
    }

    @Test
    void anExtensionCharacterIsNeverSplitAcrossParts() {
        // 306 septets would fill two parts, but the euro sign cannot start in the first and end in the second
        assertThat(SmsText.count("a".repeat(152) + "€" + "a".repeat(152)))
                .isEqualTo(new Segments(Encoding.GSM7, 306, 3));
        assertThat(SmsText.count("a".repeat(151) + "€" + "a".repeat(153)))
                .isEqualTo(new Segments(Encoding.GSM7, 306, 2));
    }

    @Test
    void ucs2TextFitsOneMessageUpTo70Units() {
        assertThat(SmsText.count("ж".repeat(70))).isEqualTo(new Segments(Encoding.UCS2, 70, 1));
        assertThat(SmsText.count("ж".repeat(71))).isEqualTo(new Segments(Encoding.UCS2, 71, 2));
        assertThat(SmsText.count("ж".repeat(134))).isEqualTo(new Segments(Encoding.UCS2, 134, 2));
        assertThat(SmsText.count("ж".repeat(135))).isEqualTo(new Segments(Encoding.UCS2, 135, 3));
        // one character outside GSM-7 makes the whole message UCS-2
        assertThat(SmsText.count("a".repeat(69) + "ж")).isEqualTo(new Segments(Encoding.UCS2, 70, 1));
        assertThat(SmsText.count("a".repeat(70) + "ж")).isEqualTo(new Segments(Encoding.UCS2, 71, 2));
    }

    @Test
    void anEmojiIsTwoUnitsAndNeverSplitAcrossParts() {
        assertThat(SmsText.count(EMOJI)).isEqualTo(new Segments(Encoding.UCS2, 2, 1));
        assertThat(SmsText.count(EMOJI.repeat(35))).isEqualTo(new Segments(Encoding.UCS2, 70, 1));
        assertThat(SmsText.count("ж" + EMOJI.repeat(35))).isEqualTo(new Segments(Encoding.UCS2, 71, 2));
        // 134 units would fill two parts, but the emoji cannot start in the first and end in the second
        assertThat(SmsText.count("ж".repeat(66) + EMOJI + "ж".repeat(66)))
                .isEqualTo(new Segments(Encoding.UCS2, 134, 3));
        assertThat(SmsText.count("ж".repeat(65) + EMOJI + "ж".repeat(67)))
                .isEqualTo(new Segments(Encoding.UCS2, 134, 2));
    }

    @Test
    void anEmptyTextIsOneMessage() {
        assertThat(SmsText.count("")).isEqualTo(new Segments(Encoding.GSM7, 0, 1));
        assertThat(SmsText.fit("", 1)).isEmpty();
    }

    @Test
    void fitKeepsATextThatFits() {
        String gsm = "a".repeat(160);
        String ucs2 = "ж".repeat(67) + EMOJI + "ж";

        assertThat(SmsText.fit(gsm, 1)).isSameAs(gsm);
        assertThat(SmsText.fit(ucs2, 1)).isSameAs(ucs2);
        assertThat(SmsText.fit("a".repeat(306), 2)).isEqualTo("a".repeat(306));
    }

    @Test
    void fitCutsGsmTextWithThreeDotsToStayGsm() {
        String one = SmsText.fit("a".repeat(200), 1);
        String two = SmsText.fit("a".repeat(400), 2);

        assertThat(one).isEqualTo("a".repeat(157) + "...");
        assertThat(SmsText.count(one)).isEqualTo(new Segments(Encoding.GSM7, 160, 1));
        assertThat(two).isEqualTo("a".repeat(303) + "...");
        assertThat(SmsText.count(two)).isEqualTo(new Segments(Encoding.GSM7, 306, 2));
    }

    @Test
    void fitNeverSplitsAnExtensionCharacter() {
        // the euro sign would need septets 157 and 158, leaving no room for the dots
        assertThat(SmsText.fit("a".repeat(155) + "€" + "a".repeat(50), 1)).isEqualTo("a".repeat(155) + "€...");
        assertThat(SmsText.fit("a".repeat(156) + "€" + "a".repeat(50), 1)).isEqualTo("a".repeat(156) + "...");
    }

    @Test
    void fitCutsUcs2TextWithAnEllipsis() {
        String cut = SmsText.fit("ж".repeat(100), 1);

        assertThat(cut).isEqualTo("ж".repeat(69) + "…");
        assertThat(SmsText.count(cut)).isEqualTo(new Segments(Encoding.UCS2, 70, 1));
        assertThat(SmsText.fit("ж".repeat(200), 2)).isEqualTo("ж".repeat(133) + "…");
    }

    @Test
    void fitNeverSplitsASurrogatePair() {
        assertThat(SmsText.fit("ж".repeat(68) + EMOJI + "ж".repeat(10), 1)).isEqualTo("ж".repeat(68) + "…");
        assertThat(SmsText.fit("ж".repeat(67) + EMOJI + "ж".repeat(10), 1)).isEqualTo("ж".repeat(67) + EMOJI + "…");
        assertThat(SmsText.fit(EMOJI.repeat(50), 1)).isEqualTo(EMOJI.repeat(34) + "…");
    }

    @Test
    void fitPrefersThreeDotsWhenWhatIsKeptIsAllGsm() {
        // the text is UCS-2 only because of its end, which is cut away anyway
        String cut = SmsText.fit("a".repeat(200) + "ж", 1);

        assertThat(cut).isEqualTo("a".repeat(157) + "...");
        assertThat(SmsText.count(cut).encoding()).isEqualTo(Encoding.GSM7);
        // when a non-GSM character is kept, the cut ends in an ellipsis
        assertThat(SmsText.fit("ж" + "a".repeat(200), 1)).isEqualTo("ж" + "a".repeat(68) + "…");
    }

    @Test
    void fitAlwaysFitsAndKeepsABeginning() {
        String pattern = "Hello {world} € ж " + EMOJI + " ça va? ";
        for (int length = 0; length <= 500; length += 7) {
            String text = pattern.repeat(length / pattern.length() + 1).substring(0, length);
            if (length > 0 && Character.isHighSurrogate(text.charAt(length - 1))) {
                text = text.substring(0, length - 1);
            }
            for (int max = 1; max <= 4; max++) {
                String cut = SmsText.fit(text, max);

                assertThat(SmsText.count(cut).segments())
                        .as("%d chars in %d", length, max)
                        .isLessThanOrEqualTo(max);
                if (!cut.equals(text)) {
                    String kept = cut.endsWith("...")
                            ? cut.substring(0, cut.length() - 3)
                            : cut.substring(0, cut.length() - 1);
                    assertThat(cut).matches(".*(\\.\\.\\.|…)$");
                    assertThat(text).startsWith(kept);
                    assertThat(kept.isEmpty() || !Character.isHighSurrogate(kept.charAt(kept.length() - 1)))
                            .isTrue();
                }
            }
        }
    }

    @Test
    void fitNeedsAtLeastOneSegment() {
        assertThatThrownBy(() -> SmsText.fit("hello", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
