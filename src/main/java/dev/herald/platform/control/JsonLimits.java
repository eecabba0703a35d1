package dev.herald.platform.control;

/**
 * Refuses JSON that would cost a parser more than an event is worth, before any parser sees it: nesting deeper than
 * {@link #MAX_DEPTH} (a deep document exhausts a recursive reader's stack) and numbers longer than
 * {@link #MAX_NUMBER} characters (a 1,000-digit number is never a real value). One pass over the characters.
 */
public final class JsonLimits {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_NUMBER = 64;

    private JsonLimits() {}

    /** What is wrong with {@code json} by these limits, or null when nothing is. */
    public static String violation(String json) {
        int depth = 0;
        int number = 0;
        boolean inString = false;
        for (int i = 0, n = json.length(); i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                if (++number > MAX_NUMBER) {
                    return "a number is longer than " + MAX_NUMBER + " characters";
                }
                continue;
            }
            number = 0;
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return "JSON is nested deeper than " + MAX_DEPTH + " levels";
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return null;
    }
}
