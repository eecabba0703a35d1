package dev.herald.platform.control;

import javax.net.ssl.SSLException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/** Says in words what a Kafka client's failure means for an operator, for health bodies and log lines. */
public final class KafkaFailures {
    private KafkaFailures() {}

    public static String describe(Throwable failure) {
        if (failure instanceof SaslAuthenticationException) {
            return "Kafka refused Herald's credentials (check HERALD_KAFKA_SASL_JAAS_CONFIG and the user on the"
                    + " broker): " + failure.getMessage();
        }
        if (failure instanceof SslAuthenticationException) {
            return "TLS handshake with Kafka failed (is the broker's certificate in HERALD_KAFKA_SSL_TRUSTSTORE_"
                    + "LOCATION?): " + RootCause.message(failure);
        }
        if (failure instanceof AuthenticationException) {
            return "Kafka authentication failed: " + RootCause.message(failure);
        }
        if (failure instanceof AuthorizationException) {
            return "Kafka refused access: " + failure.getMessage();
        }
        if (failure instanceof FencedInstanceIdException) {
            return "another Herald uses the same instance id (set HERALD_INSTANCE_ID uniquely per instance): "
                    + failure.getMessage();
        }
        if (failure instanceof TimeoutException) {
            return "Kafka did not answer in time: " + failure.getMessage();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS with Kafka failed: " + RootCause.message(failure);
            }
        }
        return RootCause.message(failure);
    }
}
