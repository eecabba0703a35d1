package dev.herald.event.control;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells a database outage (hold and retry) from a record the database refuses (park it). */
final class Failures {
    private Failures() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.endsWith("ConnectionWaitTimeoutException") || name.endsWith("ResourceException")) {
                return true;
            }
        }
        return false;
    }

    /** Connection errors (08), insufficient resources (53), operator intervention (57P), serialization (40). */
    private static boolean transientState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57P")
                        || state.equals("40001")
                        || state.equals("40P01"));
    }
}
