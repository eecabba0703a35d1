package dev.herald.platform.control;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

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
