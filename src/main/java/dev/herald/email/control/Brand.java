package dev.herald.email.control;

import java.util.regex.Pattern;

/**
 * Whose emails these are: a name, a logo (an https URL, or none) and the button's colours ({@code #rrggbb} only, so a
 * setting cannot add CSS), from {@code HERALD_BRAND_NAME}, {@code HERALD_BRAND_LOGO_URL}, {@code HERALD_BRAND_COLOR}
 * and {@code HERALD_BRAND_TEXT_COLOR}.
 */
public record Brand(String name, String logoUrl, String color, String textColor) {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    public static final Brand DEFAULT = new Brand("Herald", "", "#3451b2", "#ffffff");

    public Brand {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("HERALD_BRAND_NAME must be 1 to 100 characters");
        }
        if (logoUrl == null || !logoUrl.isEmpty() && !logoUrl.startsWith("https://")) {
            throw new IllegalArgumentException("HERALD_BRAND_LOGO_URL must be an https URL");
        }
        for (String c : new String[] {color, textColor}) {
            if (c == null || !COLOR.matcher(c).matches()) {
                throw new IllegalArgumentException("HERALD_BRAND_COLOR and _TEXT_COLOR must be #rrggbb, not " + c);
            }
        }
    }

    /** The logo as markup for the layout: an image with an escaped address, or nothing. */
    String logoMarkup() {
        return logoUrl.isEmpty()
                ? ""
                : "<img src=\"" + EmailComposer.escape(logoUrl) + "\" alt=\"\" height=\"24\""
                        + " style=\"vertical-align:middle;margin-right:8px\">";
    }
}
