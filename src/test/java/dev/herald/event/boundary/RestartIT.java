package dev.herald.event.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events produced while Herald is down are stored once it is back: none lost, none twice. */
class RestartIT {
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void eventsProducedWhileLibertyIsStoppedAppearAfterItStarts() throws Exception {
        String user = Events.newUser("sleeper");
        herald.produce(user, Events.notice(Events.newId(), user, "Before"));
        herald.awaitInbox(user, 1);

        herald.stopLiberty();
        try {
            for (int i = 0; i < 20; i++) {
                herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "while down " + i));
            }
        } finally {
            herald.startLiberty();
        }

        JsonArray items = herald.awaitInbox(user, 21);
        assertThat(items).hasSize(21);
        assertThat(items.stream().map(v -> v.asJsonObject().getJsonNumber("seq").longValue()))
                .doesNotHaveDuplicates()
                .allMatch(seq -> seq >= 1 && seq <= 21);
        assertThat(herald.storedCount(user)).isEqualTo(21);
    }
}
