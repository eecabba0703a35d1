package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityClaimsTest {
    static final JsonObject KEYCLOAK = Json.createObjectBuilder()
            .add("sub", "f3b1")
            .add(
                    "realm_access",
                    Json.createObjectBuilder()
                            .add("roles", Json.createArrayBuilder().add("user")))
            .add(
                    "resource_access",
                    Json.createObjectBuilder()
                            .add(
                                    "account",
                                    Json.createObjectBuilder()
                                            .add(
                                                    "roles",
                                                    Json.createArrayBuilder().add("admin"))))
            .build();

    @Test
    void nestedPathsAndTopLevelClaimsAreUnited() {
        IdentityClaims claims = new IdentityClaims(List.of("realm_access.roles", "roles", "groups"), List.of("sub"));
        Map<String, Object> token = Map.of(
                "realm_access", KEYCLOAK.get("realm_access"),
                "roles", Json.createArrayBuilder().add("publisher").build(),
                "groups", Set.of("admin"));
        assertThat(claims.roles(token::get)).containsExactlyInAnyOrder("user", "publisher", "admin");
    }

    @Test
    void unlistedClaimsAndValuesThatAreNotNamesGrantNothing() {
        IdentityClaims claims =
                new IdentityClaims(List.of("realm_access.roles", "realm_access.roles.deeper", "scope"), List.of("sub"));
        Map<String, Object> token = Map.of(
                "resource_access", KEYCLOAK.get("resource_access"),
                "realm_access",
                        Json.createObjectBuilder()
                                .add("roles", Json.createArrayBuilder().add(3).add(true))
                                .build(),
                "scope", Json.createValue(7));
        assertThat(claims.roles(token::get)).isEmpty();
    }

    @Test
    void aSingleStringClaimIsOneRole() {
        IdentityClaims claims = new IdentityClaims(List.of("role"), List.of("sub"));
        assertThat(claims.roles(Map.<String, Object>of("role", "admin")::get)).containsExactly("admin");
    }

    @Test
    void theUserIsTheFirstListedClaimPresent() {
        IdentityClaims claims = new IdentityClaims(List.of("groups"), List.of("oid", "sub"));
        assertThat(claims.user(Map.<String, Object>of("sub", "pairwise", "oid", Json.createValue("object-id"))::get))
                .contains("object-id");
        assertThat(claims.user(Map.<String, Object>of("sub", "pairwise", "oid", " ")::get))
                .contains("pairwise");
        assertThat(claims.user(Map.<String, Object>of()::get)).isEmpty();
    }

    @Test
    void onlyGroupsLeavesRolesToTheContainer() {
        assertThat(new IdentityClaims(List.of("groups"), List.of("sub")).containerRolesSuffice())
                .isTrue();
        assertThat(new IdentityClaims(List.of("groups", "roles"), List.of("sub")).containerRolesSuffice())
                .isFalse();
    }
}
