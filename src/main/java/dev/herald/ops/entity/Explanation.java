package dev.herald.ops.entity;

import dev.herald.channel.entity.DeliveryTrace;
import dev.herald.inbox.entity.NotificationSummary;
import dev.herald.preference.entity.Decision;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A story item in one line for an operator, from what the database recorded: stored (and how many events it
 * aggregated), how the app showed it, seen and read, then each channel's delivery and why, e.g. {@code stored; in the
 * app silently (muted); not seen yet; email held by quiet hours until 07:00; push held while muted, until the user
 * unmutes; times in Europe/Berlin}. Times are in the recipient's zone, with the date only when it is not the day the
 * notification was created.
 */
public final class Explanation {
    private static final String HOLD_WHILE_MUTED = Decision.Kind.HOLD_WHILE_MUTED.code();
    private static final String HOLD_UNTIL = Decision.Kind.HOLD_UNTIL.code();

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The workflow step whose one message carries every event of an aggregate. */
    private static final String BATCH = "batch";

    private final ZoneId zone;
    private final LocalDate createdOn;
    private final int eventCount;
    private boolean timed;

    private Explanation(ZoneId zone, Instant created, int eventCount) {
        this.zone = zone;
        this.createdOn = created.atZone(zone).toLocalDate();
        this.eventCount = eventCount;
    }

    public static String of(NotificationSummary n, List<DeliveryTrace> deliveries, ZoneId zone) {
        return new Explanation(zone, n.createdAt(), n.eventCount()).explain(n, deliveries);
    }

    private String explain(NotificationSummary n, List<DeliveryTrace> deliveries) {
        List<String> parts = new ArrayList<>();
        parts.add("stored");
        if (n.aggregated()) {
            boolean batched = deliveries.stream().anyMatch(d -> BATCH.equals(d.step()));
            parts.add(count(n.eventCount() - 1, "more event") + " aggregated into it"
                    + (batched
                            ? " (the batched channels send it once, with its final text)"
                            : " (only the app gets those)"));
        }
        parts.add(inApp(n, deliveries));
        if (n.archivedAt() != null) {
            parts.add("archived " + at(n.archivedAt()));
        }
        if (n.snoozedUntil() != null) {
            parts.add("snoozed until " + at(n.snoozedUntil()));
        }
        parts.add(
                n.seenAt() == null
                        ? "not seen yet"
                        : "seen " + at(n.seenAt()) + (n.readAt() == null ? ", not read" : ", read " + at(n.readAt())));
        Map<String, Integer> perChannel = new HashMap<>();
        deliveries.forEach(d -> perChannel.merge(d.channel(), 1, Integer::sum));
        for (DeliveryTrace d : deliveries) {
            String to = perChannel.get(d.channel()) > 1 && d.target() != null ? " to " + d.target() : "";
            parts.add(d.channel() + to + " " + delivery(d));
        }
        if (timed) {
            parts.add("times in " + (zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId()));
        }
        return String.join("; ", parts);
    }

    private static String inApp(NotificationSummary n, List<DeliveryTrace> deliveries) {
        if (!n.silent()) {
            return n.critical() ? "in the app with a toast (critical)" : "in the app with a toast";
        }
        return "in the app silently (" + silence(n, deliveries) + ")";
    }

    /**
     * Why the app showed it silently. Only the flag is stored, so the reason is read from the decisions intake took
     * for its deliveries at the same time: held while muted, or held until quiet hours end. An aggregate's flag is its
     * newest event's while its deliveries are its first event's, so there the reason is not known.
     */
    static String silence(NotificationSummary n, List<DeliveryTrace> deliveries) {
        if (!n.aggregated()) {
            if (deliveries.stream().anyMatch(d -> HOLD_WHILE_MUTED.equals(d.decision()))) {
                return "muted";
            }
            if (deliveries.stream().anyMatch(d -> HOLD_UNTIL.equals(d.decision()))) {
                return "quiet hours";
            }
        }
        return "muted, quiet hours or the app off for its category; which is not recorded";
    }

    private String delivery(DeliveryTrace d) {
        String reason = d.reason();
        return switch (d.status()) {
            case "delayed" -> "delayed by its workflow"
                    + (d.dueAt() == null ? "" : " until " + at(d.dueAt()))
                    + (reason == null ? "" : " (" + reason + ")");
            case "cancelled" -> "cancelled by its workflow" + because(reason);
            default -> (d.step() == null
                            ? ""
                            : BATCH.equals(d.step())
                                    ? "batched (" + count(eventCount, "event") + " in one message): "
                                    : "after its workflow's " + d.step() + ": ")
                    + settled(d, reason);
        };
    }

    private String settled(DeliveryTrace d, String reason) {
        return switch (d.status()) {
            case "queued" -> "queued" + because(reason);
            case "sending" -> "sending (attempt " + d.attempts() + ")";
            case "sent", "delivered" -> d.status()
                    + (d.attempts() > 1 ? " on attempt " + d.attempts() : "")
                    + because(reason);
            case "failed" -> "failed"
                    + (reason == null
                            ? " on attempt " + d.attempts()
                            : " (attempt " + d.attempts() + ": " + reason + ")")
                    + (d.dueAt() == null ? "" : ", retry due " + at(d.dueAt()));
            case "dead" -> "dead" + (d.attempts() > 0 ? " after " + count(d.attempts(), "attempt") : "")
                    + (reason == null ? "" : ": " + reason);
            case "skipped" -> "skipped" + (reason == null ? "" : ": " + reason);
            case "held" -> held(d);
            case "digest" -> digest(d);
            default -> d.status() + because(reason);
        };
    }

    /** A held row: held while muted has no due time until the user unmutes, which releases it with one. */
    private String held(DeliveryTrace d) {
        if (HOLD_WHILE_MUTED.equals(d.decision())) {
            return d.dueAt() == null
                    ? "held while muted, until the user unmutes"
                    : "released (the user unmuted), due " + at(d.dueAt());
        }
        if (d.dueAt() == null) {
            return "held" + because(d.reason());
        }
        if (HOLD_UNTIL.equals(d.decision()) && d.reason() != null) {
            return "held by " + d.reason() + " until " + at(d.dueAt());
        }
        return "held" + because(d.reason()) + " until " + at(d.dueAt());
    }

    private String digest(DeliveryTrace d) {
        if (d.digestId() != null) {
            if (d.digestStatus() == null) {
                return "listed in a digest whose delivery is gone";
            }
            String due = d.dueAt() == null ? "" : " due " + at(d.dueAt());
            return "listed in a digest, which is " + d.digestStatus()
                    + ("failed".equals(d.digestStatus()) ? " (retry" + due + ")" : due.isEmpty() ? "" : "," + due);
        }
        return "waits for the " + (d.reason() == null ? "next digest" : d.reason())
                + (d.dueAt() == null ? "" : " at " + at(d.dueAt()));
    }

    private String at(Instant instant) {
        timed = true;
        var local = instant.atZone(zone);
        return (local.toLocalDate().equals(createdOn) ? TIME : DATE_TIME).format(local);
    }

    private static String because(String reason) {
        return reason == null ? "" : " (" + reason + ")";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
