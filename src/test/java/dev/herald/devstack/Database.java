package dev.herald.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL Herald uses in the embedded default: the one named by {@code HERALD_DB_URL} if set, else a real
 * PostgreSQL started here from Maven Central binaries.
 */
public final class Database implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final boolean durable;

    private Database(String url, String user, String password, EmbeddedPostgres embedded, boolean durable) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.durable = durable;
    }

    public static Database external(String url, String user, String password) {
        return new Database(url, user, password, null, true);
    }

    /** The tests' PostgreSQL: commits return before they reach the disk (the embedded server's default). */
    public static Database embedded(Path dir) throws IOException {
        return embedded(dir, false);
    }

    /**
     * {@code durable}: as users run PostgreSQL, every commit flushed to disk before it returns (fsync and
     * synchronous_commit on); the benchmark's default.
     */
    public static Database embedded(Path dir, boolean durable) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .start();
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        return new Database(url, "postgres", "postgres", postgres, durable);
    }

    /** What this database is, for a benchmark's record: embedded (durable or not) or the URL it was given. */
    public String describe() {
        if (embedded == null) {
            return "external " + url;
        }
        return durable
                ? "embedded, durable (fsync and synchronous_commit on)"
                : "embedded, fast (fsync and synchronous_commit off)";
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.put("user", user);
        props.put("password", password);
        return DriverManager.getConnection(url, props);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
