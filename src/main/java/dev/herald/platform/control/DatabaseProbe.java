package dev.herald.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether PostgreSQL answers right now, over the non-transactional data source. */
@ApplicationScoped
public class DatabaseProbe {
    @Resource(lookup = "jdbc/herald-direct")
    DataSource dataSource;

    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            // the probe answers only whether PostgreSQL answers; readiness reports the error itself
            return false;
        }
    }
}
