package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.client.ApiClient;
import dev.herald.client.ApiException;
import dev.herald.client.api.EventsApi;
import dev.herald.client.api.InboxApi;
import dev.herald.client.api.PreferencesApi;
import dev.herald.client.model.CloudEvent;
import dev.herald.client.model.EventAccepted;
import dev.herald.client.model.InboxPage;
import dev.herald.client.model.Notification;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client OpenAPI Generator makes from docs/api/openapi.json (its Maven plugin, library {@code native}, at
 * build time: see the pom) works against the running server: a publisher publishes an event, the user reads it in
 * the inbox, marks it read, and reads the preferences. OpenApiIT keeps that document equal to the served one.
 */
class GeneratedClientIT {
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    private static ApiClient clientWith(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(herald.uri("/").toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void aGeneratedClientPublishesAnEventAndReadsTheInbox() throws Exception {
        String user = Events.newUser("generated");
        EventsApi events = new EventsApi(clientWith(herald.token("generated-app", "publisher")));
        CloudEvent event = new CloudEvent()
                .specversion(CloudEvent.SpecversionEnum._1_0)
                .id(Events.newId())
                .source("/generated-client")
                .type("notification.created")
                .subject(user)
                .datacontenttype("application/json")
                .data(Map.of("title", "From a generated client", "body", "Hello"));

        EventAccepted accepted = events.publishEvents(event);
        assertThat(accepted.getId()).isEqualTo(event.getId());
        assertThat(accepted.getRecipients()).isEqualTo(1);

        InboxApi inbox = new InboxApi(clientWith(herald.token(user, "user")));
        InboxPage page = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> inbox.listNotifications(null, null, null, null, null, null, null, null, null),
                        found -> found.getItems().size() == 1);
        Notification notification = page.getItems().get(0);
        assertThat(notification.getTitle()).isEqualTo("From a generated client");
        assertThat(notification.getRead()).isFalse();

        inbox.changeNotification("read", notification.getId());
        assertThat(inbox.getNotification(notification.getId()).getRead()).isTrue();
        assertThat(inbox.getUnreadCount().getCount()).isZero();
        assertThat(new PreferencesApi(clientWith(herald.token(user, "user")))
                        .getPreferences()
                        .getCategories())
                .containsKey("general");
    }

    @Test
    void aRefusedEventIsAnApiExceptionCarryingTheProblem() {
        EventsApi events = new EventsApi(clientWith(herald.token("generated-app", "publisher")));
        CloudEvent unknownType = new CloudEvent()
                .specversion(CloudEvent.SpecversionEnum._1_0)
                .id(Events.newId())
                .source("/generated-client")
                .type("no.such.type")
                .subject("someone")
                .data(Map.of());
        assertThatThrownBy(() -> events.publishEvents(unknownType)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.getCode()).isEqualTo(400);
            assertThat(e.getResponseBody()).contains("/type");
        });
    }
}
