package dev.herald.platform.control;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/** What a Kafka consumer knows about itself without asking the broker: its lag and its last heartbeat. */
final class ConsumerMetrics {
    private ConsumerMetrics() {}

    /** Records behind the end of the assigned partitions, as of the last fetch. */
    static long lag(Consumer<?, ?> consumer) {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }

    /** Records behind the end of the assigned partitions, asking the broker for the ends (for paused partitions). */
    static long lagFromBroker(Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        try {
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end :
                    consumer.endOffsets(assigned, Duration.ofSeconds(2)).entrySet()) {
                lag += Math.max(0, end.getValue() - consumer.position(end.getKey(), Duration.ofSeconds(2)));
            }
            return lag;
        } catch (TimeoutException e) {
            return lag(consumer); // the broker is away: the heartbeat check says so; keep the last known lag
        }
    }

    /** Seconds since the consumer last heartbeated to its group coordinator, or -1 when not known. */
    static double heartbeatAge(Consumer<?, ?> consumer) {
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("last-heartbeat-seconds-ago")
                    && name.group().equals("consumer-coordinator-metrics")
                    && metric.getValue().metricValue() instanceof Number seconds) {
                return seconds.doubleValue();
            }
        }
        return -1;
    }
}
