package dev.herald.platform.control;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
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
            if (certificateUntrusted(failure)) {
                return "TLS handshake with Kafka failed: Herald does not trust the broker's certificate (is it, or"
                        + " its CA, in HERALD_KAFKA_SSL_TRUSTSTORE_LOCATION?): " + RootCause.message(failure);
            }
            return "TLS handshake with Kafka failed: the broker refused Herald (if it asks for client certificates,"
                    + " is Herald's certificate in HERALD_KAFKA_SSL_KEYSTORE_LOCATION, and trusted by the broker?): "
                    + RootCause.message(failure);
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

    /**
     * Whether Herald itself refused the broker's certificate (its path does not lead to a trusted certificate); else
     * the broker ended the handshake, as it does when it wants a client certificate that Herald did not give.
     */
    private static boolean certificateUntrusted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateException
                    || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }
}
