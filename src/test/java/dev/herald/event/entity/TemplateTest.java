package dev.herald.event.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class TemplateTest {
    final JsonObject data = Json.createObjectBuilder()
            .add("actor", Json.createObjectBuilder().add("name", "Ana"))
            .add("count", 3)
            .add("flag", true)
            .add("list", Json.createArrayBuilder().add(1))
            .build();

    @Test
    void fillsNestedPlaceholders() throws Exception {
        Template template = Template.parse("{actor.name} liked {count} posts ({flag})");
        assertThat(template.render(data)).isEqualTo("Ana liked 3 posts (true)");
        assertThat(template.placeholders()).containsExactly("actor.name", "count", "flag");
    }

    @Test
    void doubledBracesAreLiteral() throws Exception {
        assertThat(Template.parse("{{literal}} {actor.name}").render(data)).isEqualTo("{literal} Ana");
    }

    @Test
    void missingOrNonScalarDataIsAnInvalidEvent() {
        assertThatThrownBy(() -> Template.parse("{post.title}").render(data))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("data.post.title is required");
        assertThatThrownBy(() -> Template.parse("{actor}").render(data))
                .hasMessage("data.actor must be a string, number or boolean");
        assertThatThrownBy(() -> Template.parse("{actor.name.first}").render(data))
                .hasMessage("data.actor.name.first is required");
        assertThatThrownBy(() -> Template.parse("{list}").render(data)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void malformedTemplatesAreRejectedWhenTheCatalogLoads() {
        assertThatThrownBy(() -> Template.parse("{open")).hasMessageContaining("unclosed placeholder");
        assertThatThrownBy(() -> Template.parse("close}")).hasMessageContaining("unmatched }");
        assertThatThrownBy(() -> Template.parse("{bad name}")).hasMessageContaining("bad placeholder");
    }
}
