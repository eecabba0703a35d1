package dev.herald.event.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientRuleTest {
    private static CloudEvent event(String subject, JsonObject data) {
        return new CloudEvent("e1", "/test", "post.liked", subject, null, null, null, null, data);
    }

    private static final JsonObject NO_DATA =
            JsonFactory.PROVIDER.createObjectBuilder().build();

    @Test
    void aSubjectOrADataRecipientWithALoneSurrogateIsRefusedWithItsPointer() {
        RecipientRule bySubject = new RecipientRule(List.of(RecipientRule.SUBJECT), List.of());
        assertThatThrownBy(() -> bySubject.resolve(event("\uD800", NO_DATA)))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.violations().get(0).pointer()).isEqualTo("/subject"));

        RecipientRule byData = new RecipientRule(List.of(RecipientRule.DATA_RECIPIENTS), List.of());
        JsonObject data = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add(
                        "recipients",
                        JsonFactory.PROVIDER.createArrayBuilder().add("ana").add("b\uDC00b"))
                .build();
        assertThatThrownBy(() -> byData.resolve(event(null, data)))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.violations().get(0).pointer()).isEqualTo("/data/recipients/1"));
    }

    @Test
    void idsInAnyScriptAndOutsideTheBasicPlaneAreUserIds() throws Exception {
        RecipientRule bySubject = new RecipientRule(List.of(RecipientRule.SUBJECT), List.of());
        assertThat(bySubject.resolve(event("zoë-\uD83D\uDE00-用户", NO_DATA))).containsExactly("zoë-\uD83D\uDE00-用户");
    }
}
