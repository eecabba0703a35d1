package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogLimiterTest {
    @Test
    void oneLineAMinuteWithTheCountOfWhatItStoodFor() {
        Logger logger = Logger.getLogger("herald.test.limiter");
        logger.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        ConsumerStateTest.HandClock clock = new ConsumerStateTest.HandClock();
        LogLimiter limiter = new LogLimiter(logger, Duration.ofMinutes(1), clock);

        for (int i = 0; i < 100; i++) {
            limiter.log(Level.WARNING, "broker down");
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(lines).containsExactly("broker down", "broker down (59 more since the last such line)");
        limiter.reset();
        limiter.log(Level.WARNING, "down again");
        assertThat(lines).hasSize(3).last().isEqualTo("down again");
    }
}
