package dev.herald.inbox.entity;

import java.time.Instant;

/** A stored {@code notification} row, read by column name (the inbox's own statements read rows through it). */
public interface StoredRow {
    String text(String column);

    long number(String column);

    Instant instant(String column);

    boolean flag(String column);
}
