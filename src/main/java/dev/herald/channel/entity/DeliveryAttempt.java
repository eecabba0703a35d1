package dev.herald.channel.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One attempt of a delivery: when it started, and when and how it ended (the provider's status and answer). */
@Entity
@Table(name = "delivery_attempt")
@IdClass(DeliveryAttempt.Key.class)
@NamedQuery(
        name = DeliveryAttempt.FINISH,
        query = "UPDATE DeliveryAttempt a SET a.finishedAt = :at, a.outcome = :outcome, a.statusCode = :code,"
                + " a.answer = :answer WHERE a.deliveryId = :delivery AND a.attempt = :attempt")
@NamedQuery(
        name = DeliveryAttempt.FORGET,
        query = "DELETE FROM DeliveryAttempt a WHERE a.deliveryId = :delivery AND a.attempt = :attempt")
@NamedQuery(
        name = DeliveryAttempt.OF_DELIVERIES,
        query = "SELECT a FROM DeliveryAttempt a WHERE a.deliveryId IN :deliveries ORDER BY a.deliveryId, a.attempt")
public class DeliveryAttempt {
    /** Records how an attempt ended, without reading it first. */
    public static final String FINISH = "DeliveryAttempt.finish";
    /** Forgets an attempt that never reached the provider (its breaker was open). */
    public static final String FORGET = "DeliveryAttempt.forget";
    /** Every attempt of the given deliveries, in order. */
    public static final String OF_DELIVERIES = "DeliveryAttempt.ofDeliveries";

    /** The attempt's identity (a class, not a record: JPA sets its fields). */
    public static final class Key implements Serializable {
        private String deliveryId;
        private int attempt;

        public Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && attempt == key.attempt && Objects.equals(deliveryId, key.deliveryId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deliveryId, attempt);
        }
    }

    @Id
    @Column(name = "delivery_id")
    private String deliveryId;

    @Id
    private int attempt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    private String outcome;

    @Column(name = "status_code")
    private Integer statusCode;

    private String answer;

    protected DeliveryAttempt() {}

    /** Attempt {@code attempt} of delivery {@code deliveryId}, starting {@code at}. */
    public DeliveryAttempt(String deliveryId, int attempt, Instant at) {
        this.deliveryId = deliveryId;
        this.attempt = attempt;
        this.startedAt = at;
    }

    public String deliveryId() {
        return deliveryId;
    }

    /** The attempt as the status API and the dead letters show it. */
    public DeliveryView.Attempt view() {
        return new DeliveryView.Attempt(attempt, startedAt, finishedAt, outcome, statusCode, answer);
    }
}
