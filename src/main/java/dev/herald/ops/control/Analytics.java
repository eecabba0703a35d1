package dev.herald.ops.control;

import dev.herald.channel.control.DeliveryActivity;
import dev.herald.channel.control.Providers;
import dev.herald.inbox.control.InboxActivity;
import dev.herald.ops.entity.AnalyticsReport;
import dev.herald.ops.entity.AnalyticsWindow;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts over a window, asked of the features that own the rows in one transaction: the inbox's (stored, absorbed,
 * seen, read, grouped by bucket, by type and in total) and the channels' (delivered, failed, dead, by channel and
 * bucket); empty buckets are filled with zeros by the report.
 */
@ApplicationScoped
public class Analytics {
    @Inject
    InboxActivity inbox;

    @Inject
    DeliveryActivity deliveries;

    @Inject
    Clock clock;

    @Inject
    Providers providers;

    /** The window asked for, the last 24 hours up to now by default; an impossible one is an InvalidWindowException. */
    public AnalyticsWindow window(Instant from, Instant to, AnalyticsWindow.Bucket bucket) {
        return AnalyticsWindow.of(from, to, bucket, clock.instant());
    }

    /** The report of {@code window}, of notifications of {@code type} only when it is not null. */
    @Transactional
    public AnalyticsReport report(AnalyticsWindow window, String type) {
        AnalyticsReport.Tally tally = new AnalyticsReport.Tally(window, type, configuredChannels());
        long seconds = window.bucket().seconds();
        for (InboxActivity.Count c : inbox.counts(window.first(), seconds, window.from(), window.to(), type)) {
            switch (c.grouping()) {
                case InboxActivity.BY_BUCKET -> tally.bucket(c.metric(), null, c.bucket(), c.count());
                case InboxActivity.BY_TYPE -> tally.byType(c.metric(), c.type(), c.count(), c.medianSeconds());
                case InboxActivity.TOTAL -> tally.total(c.metric(), c.count(), c.medianSeconds());
                default -> throw new IllegalStateException("unexpected grouping " + c.grouping());
            }
        }
        for (DeliveryActivity.Count c : deliveries.counts(window.first(), seconds, window.from(), window.to(), type)) {
            // the channels are counted by bucket only
            if (c.grouping() == DeliveryActivity.BY_BUCKET) {
                tally.bucket(c.metric(), c.channel(), c.bucket(), c.count());
            }
        }
        return tally.report();
    }

    /** The channels with a provider, shown even when nothing was counted for them. */
    private List<String> configuredChannels() {
        List<String> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP && providers.enabled(channel)) {
                channels.add(channel.wire());
            }
        }
        return channels;
    }
}
