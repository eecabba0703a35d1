package dev.herald.testing;

import dev.herald.devstack.DevKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens shaped claim for claim as Keycloak (26, a realm's default client scopes) and Microsoft Entra ID (v2.0
 * access token for an app registration with app roles) issue them, signed with the key Herald trusts. Only the issuer
 * and audience are Herald's test ones, as a deployment sets {@code MP_JWT_VERIFY_ISSUER} and
 * {@code MP_JWT_VERIFY_AUDIENCES} to its provider's.
 */
public final class IdpTokens {
    private final Herald herald;

    public IdpTokens(Herald herald) {
        this.herald = herald;
    }

    /**
     * Keycloak: roles in {@code realm_access.roles} (beside Keycloak's default ones) and client roles in
     * {@code resource_access}; no {@code groups}, no {@code upn}; {@code sub} is the user's id.
     */
    public String keycloak(String subject, List<String> realmRoles, List<String> accountRoles) {
        Instant now = Instant.now();
        var realm = Json.createArrayBuilder(List.of("default-roles-acme", "offline_access", "uma_authorization"));
        realmRoles.forEach(realm::add);
        JsonObject claims = Json.createObjectBuilder()
                .add("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond())
                .add("iat", now.getEpochSecond())
                .add("auth_time", now.getEpochSecond())
                .add("jti", "onrtac:" + UUID.randomUUID())
                .add("iss", DevKeys.ISSUER)
                .add("aud", Json.createArrayBuilder().add(DevKeys.AUDIENCE).add("account"))
                .add("sub", subject)
                .add("typ", "Bearer")
                .add("azp", "customer-app")
                .add("sid", UUID.randomUUID().toString())
                .add("acr", "1")
                .add("allowed-origins", Json.createArrayBuilder().add("https://app.example.com"))
                .add("realm_access", Json.createObjectBuilder().add("roles", realm))
                .add(
                        "resource_access",
                        Json.createObjectBuilder()
                                .add(
                                        "account",
                                        Json.createObjectBuilder().add("roles", Json.createArrayBuilder(accountRoles))))
                .add("scope", "openid profile email")
                .add("email_verified", true)
                .add("name", "Ada Lovelace")
                .add("preferred_username", "ada")
                .add("given_name", "Ada")
                .add("family_name", "Lovelace")
                .add("email", "ada@example.com")
                .build();
        return herald.signed(header(), claims);
    }

    /**
     * Entra ID v2.0: app roles in a top-level {@code roles}, the user's stable id in {@code oid}, a per-application
     * {@code sub}; no {@code jti}, no {@code upn}, no {@code groups}.
     */
    public String entra(String objectId, List<String> roles) {
        Instant now = Instant.now();
        String tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        JsonObject claims = Json.createObjectBuilder()
                .add("aud", DevKeys.AUDIENCE)
                .add("iss", DevKeys.ISSUER)
                .add("iat", now.getEpochSecond())
                .add("nbf", now.getEpochSecond())
                .add("exp", now.plus(Duration.ofMinutes(60)).getEpochSecond())
                .add("aio", "AWQAm/8aAAAA")
                .add("azp", UUID.randomUUID().toString())
                .add("azpacr", "0")
                .add("name", "Grace Hopper")
                .add("oid", objectId)
                .add("preferred_username", "grace@contoso.com")
                .add("rh", "0.AXEAv4j5cvGGr0GRqy180BHbR.")
                .add("roles", Json.createArrayBuilder(roles))
                .add("scp", "access_as_user")
                .add("sid", UUID.randomUUID().toString())
                .add("sub", "pairwise-" + UUID.randomUUID())
                .add("tid", tenant)
                .add("uti", "AbCdEf123456")
                .add("ver", "2.0")
                .build();
        return herald.signed(header(), claims);
    }

    private static JsonObject header() {
        return Json.createObjectBuilder()
                .add("alg", "RS256")
                .add("typ", "JWT")
                .add("kid", "idp-key-1")
                .build();
    }
}
