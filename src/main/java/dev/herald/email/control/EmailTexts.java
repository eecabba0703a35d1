package dev.herald.email.control;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of Herald's own around a notification in an email (the link to the inbox, the unsubscribe line, a digest's
 * subject), per locale from {@code herald/email/messages_<language>.properties} as ICU messages; English when a
 * language has none.
 */
final class EmailTexts {
    private static final Map<String, Properties> BY_LANGUAGE = new ConcurrentHashMap<>();

    private EmailTexts() {}

    static String format(String locale, String key, Map<String, Object> arguments) {
        ULocale ulocale = ULocale.forLanguageTag(locale == null ? "en" : locale.replace('_', '-'));
        String pattern = messages(ulocale.getLanguage()).getProperty(key);
        if (pattern == null) {
            // the English words need English plural rules, whatever the recipient's language
            return new MessageFormat(messages("en").getProperty(key), ULocale.ENGLISH).format(arguments);
        }
        return new MessageFormat(pattern, ulocale).format(arguments);
    }

    private static Properties messages(String language) {
        return BY_LANGUAGE.computeIfAbsent(language.toLowerCase(Locale.ROOT), l -> {
            Properties properties = new Properties();
            try (InputStream in = EmailTexts.class.getResourceAsStream("/herald/email/messages_" + l + ".properties")) {
                if (in != null) {
                    properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties;
        });
    }
}
