package dev.herald.event.entity;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who receives an event of one type: its {@code subject}, the user ids in {@code data.recipients}, the catalog's
 * admins, or the user id(s) at a JSON pointer into {@code data}; several sources are united. Recipients never learn
 * of each other: {@code data.recipients} is removed from what each one is shown.
 */
public final class RecipientRule {
    public static final String SUBJECT = "subject";
    public static final String DATA_RECIPIENTS = "data.recipients";
    public static final String ADMINS = "admins";
    static final int MAX_RECIPIENT = 200;
    static final int MAX_RECIPIENTS = 1000;

    private final List<String> sources;
    private final List<JsonPointer> pointers;
    private final List<String> admins;

    /**
     * @param sources each {@code subject}, {@code data.recipients}, {@code admins} or a JSON pointer such as
     *     {@code /job/ownerId}
     */
    public RecipientRule(List<String> sources, List<String> admins) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("recipients must name at least one source");
        }
        List<JsonPointer> parsed = new ArrayList<>();
        for (String source : sources) {
            if (source.startsWith("/")) {
                parsed.add(JsonFactory.PROVIDER.createPointer(source));
            } else if (!List.of(SUBJECT, DATA_RECIPIENTS, ADMINS).contains(source)) {
                throw new IllegalArgumentException("unknown recipients source \"" + source
                        + "\": use subject, data.recipients, admins or a JSON pointer into data");
            }
        }
        if (sources.contains(ADMINS) && admins.isEmpty()) {
            throw new IllegalArgumentException("recipients names admins, but the catalog lists no admins");
        }
        this.sources = List.copyOf(sources);
        this.pointers = List.copyOf(parsed);
        this.admins = List.copyOf(admins);
    }

    public List<String> sources() {
        return sources;
    }

    /** The distinct recipients of an event, in order; at least one. */
    public List<String> resolve(CloudEvent event) throws InvalidEventException {
        Set<String> recipients = new LinkedHashSet<>();
        int pointerIndex = 0;
        for (String source : sources) {
            switch (source) {
                case SUBJECT -> {
                    if (event.subject() != null) {
                        recipients.add(checked(event.subject(), "/subject"));
                    }
                }
                case DATA_RECIPIENTS -> addAll(recipients, event.data().get("recipients"), "/data/recipients");
                case ADMINS -> recipients.addAll(admins);
                default -> {
                    JsonPointer pointer = pointers.get(pointerIndex++);
                    JsonValue value = pointer.containsValue(event.data()) ? pointer.getValue(event.data()) : null;
                    addAll(recipients, value, "/data" + source);
                }
            }
        }
        if (recipients.isEmpty()) {
            throw new InvalidEventException(
                    "",
                    "no recipient: " + event.type() + " is delivered to " + String.join(" and ", sources)
                            + ", and the event names none");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw new InvalidEventException("", "at most " + MAX_RECIPIENTS + " recipients per event");
        }
        return List.copyOf(recipients);
    }

    private static void addAll(Set<String> recipients, JsonValue value, String pointer) throws InvalidEventException {
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        if (value instanceof JsonString one) {
            recipients.add(checked(one.getString(), pointer));
            return;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidEventException(pointer, "must be a user id or an array of user ids");
        }
        int i = 0;
        for (JsonValue each : value.asJsonArray()) {
            if (!(each instanceof JsonString string)) {
                throw new InvalidEventException(pointer + "/" + i, "must be a user id (a string)");
            }
            recipients.add(checked(string.getString(), pointer + "/" + i));
            i++;
        }
    }

    private static String checked(String text, String pointer) throws InvalidEventException {
        if (text.isBlank() || text.length() > MAX_RECIPIENT || text.indexOf('\u0000') >= 0) {
            throw new InvalidEventException(
                    pointer, "must be a non-blank user id of at most " + MAX_RECIPIENT + " characters");
        }
        if (!wellFormed(text)) {
            // a lone surrogate ("\ud800") is valid JSON but no text: PostgreSQL would store another id than the one
            // the inbox was given, and the user could never read it
            throw new InvalidEventException(pointer, "must be a user id of valid Unicode text (no unpaired surrogate)");
        }
        return text;
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
