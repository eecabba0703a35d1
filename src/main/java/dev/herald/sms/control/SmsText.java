package dev.herald.sms.control;

import java.util.regex.Pattern;

/**
 * What an SMS costs and how to make it fit, so that Herald can refuse a phone number early and never send a message
 * that splits into more parts than allowed. A text made only of GSM 03.38 characters travels in 7-bit septets (160
 * in one message, 153 in each part of a longer one; a character of the extension table, such as the euro sign or
 * a brace, takes two); any other text travels as UCS-2 (70 UTF-16 code units alone, 67 per part). A character is
 * never split across parts: neither an extension-table character nor a surrogate pair, such as an emoji.
 */
public final class SmsText {
    /** How the text of a message travels. */
    public enum Encoding {
        GSM7,
        UCS2
    }

    /**
     * The size of a text: {@code units} are septets for GSM-7 and UTF-16 code units for UCS-2; {@code segments} is
     * how many messages it is sent as (an empty text is still one).
     */
    public record Segments(Encoding encoding, int units, int segments) {}

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** The GSM 03.38 basic character set, one septet each (the escape code 0x1B left out). */
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** The GSM 03.38 extension table: an escape septet and one more each. */
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private static final int GSM_SINGLE = 160;
    private static final int GSM_PART = 153;
    private static final int UCS2_SINGLE = 70;
    private static final int UCS2_PART = 67;
    private static final String GSM_ELLIPSIS = "...";
    private static final String ELLIPSIS = "…";

    private SmsText() {}

    /** Whether {@code number} is an E.164 phone number: a plus, then 7 to 15 digits, the first not 0. */
    public static boolean isE164(String number) {
        return number != null && E164.matcher(number).matches();
    }

    /** Whether every character of {@code text} is in the GSM 03.38 basic set or its extension table. */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (septets(text.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** How {@code text} is encoded and into how many messages it splits. */
    public static Segments count(String text) {
        if (isGsm7(text)) {
            int units = 0;
            int segments = 1;
            int fill = 0;
            for (int i = 0; i < text.length(); i++) {
                int width = septets(text.charAt(i));
                units += width;
                if (fill + width > GSM_PART) {
                    segments++;
                    fill = 0;
                }
                fill += width;
            }
            return new Segments(Encoding.GSM7, units, units <= GSM_SINGLE ? 1 : segments);
        }
        int segments = 1;
        int fill = 0;
        for (int i = 0; i < text.length(); ) {
            int width = Character.charCount(text.codePointAt(i));
            if (fill + width > UCS2_PART) {
                segments++;
                fill = 0;
            }
            fill += width;
            i += width;
        }
        int units = text.length();
        return new Segments(Encoding.UCS2, units, units <= UCS2_SINGLE ? 1 : segments);
    }

    /**
     * {@code text} as it is when it fits in {@code maxSegments} messages; otherwise its longest beginning that fits
     * with a mark that it was cut: "..." while the beginning is all GSM-7, so that the message stays GSM-7, else "…".
     * A surrogate pair is never split.
     *
     * @throws IllegalArgumentException when {@code maxSegments} is less than 1
     */
    public static String fit(String text, int maxSegments) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("an SMS needs at least one segment, not " + maxSegments);
        }
        if (count(text).segments() <= maxSegments) {
            return text;
        }
        int[] cuts = text.codePoints().map(Character::charCount).toArray();
        for (int i = 1; i < cuts.length; i++) {
            cuts[i] += cuts[i - 1];
        }
        // cuts[k - 1] is where the k-th character ends; a beginning of k characters ends there (k = 0: nothing)
        int gsmChars = 0; // each GSM-7 character is a single char, so counting chars here counts characters
        while (gsmChars < cuts.length && septets(text.charAt(gsmChars)) > 0) {
            gsmChars++;
        }
        int withDots = longest(text, cuts, gsmChars, GSM_ELLIPSIS, maxSegments);
        int withEllipsis = longest(text, cuts, cuts.length, ELLIPSIS, maxSegments);
        return withDots >= withEllipsis
                ? beginning(text, cuts, withDots) + GSM_ELLIPSIS
                : beginning(text, cuts, withEllipsis) + ELLIPSIS;
    }

    /**
     * The most characters, at most {@code limit}, whose beginning followed by {@code mark} fits. A longer beginning
     * never takes fewer messages, so a binary search finds it; the mark alone always fits in one.
     */
    private static int longest(String text, int[] cuts, int limit, String mark, int maxSegments) {
        int low = 0;
        int high = limit;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (count(beginning(text, cuts, middle) + mark).segments() <= maxSegments) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private static String beginning(String text, int[] cuts, int characters) {
        return characters == 0 ? "" : text.substring(0, cuts[characters - 1]);
    }

    /** Septets of one character in GSM-7: 1, 2 for the extension table, 0 when it has none. */
    private static int septets(char c) {
        if (GSM_BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 0;
    }
}
