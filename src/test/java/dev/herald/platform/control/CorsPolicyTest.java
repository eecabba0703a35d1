package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {
    @Test
    void onlyListedOriginsAreAllowedAndTheOpaqueOriginNever() {
        CorsPolicy policy = new CorsPolicy(List.of("https://app.example.com"));
        assertThat(policy.allows("https://app.example.com")).isTrue();
        assertThat(policy.allows("https://app.example.com:8443")).isFalse();
        assertThat(policy.allows("http://app.example.com")).isFalse();
        assertThat(policy.allows(null)).isFalse();
        assertThat(new CorsPolicy(List.of("*")).allows("null")).isFalse();
        assertThat(new CorsPolicy(List.of("*")).allows("https://any.example")).isTrue();
    }

    @Test
    void theSettingFallsBackToTheLiveSocketsOrigins() {
        CorsPolicy fallback = new CorsPolicy(Optional.empty(), Optional.of(" https://a.example , https://b.example"));
        assertThat(fallback.origins()).containsExactly("https://a.example", "https://b.example");
        CorsPolicy own = new CorsPolicy(Optional.of("https://c.example"), Optional.of("https://a.example"));
        assertThat(own.origins()).containsExactly("https://c.example");
        assertThat(new CorsPolicy(Optional.empty(), Optional.empty()).origins()).isEmpty();
    }

    @Test
    void aPreflightMayAskOnlyForTheHeadersAndMethodsTheApiUses() {
        CorsPolicy policy = new CorsPolicy(List.of("*"));
        assertThat(policy.allowedHeaders("Authorization,Content-Type")).contains("authorization, content-type");
        assertThat(policy.allowedHeaders(null)).contains("");
        assertThat(policy.allowedHeaders("authorization, x-forwarded-for")).isEmpty();
        assertThat(policy.allowsMethod("PATCH")).isTrue();
        assertThat(policy.allowsMethod("TRACE")).isFalse();
    }
}
