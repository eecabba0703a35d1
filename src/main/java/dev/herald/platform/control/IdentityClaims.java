package dev.herald.platform.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where a token names its user and their roles, as identity providers issue them: MP JWT's {@code groups}, Keycloak's
 * {@code realm_access.roles} (a path into a nested object), Entra ID's {@code roles}. Roles are the union of every
 * listed claim ({@code herald.auth.roles-claims}, default {@code groups}); the user is the first listed claim the token
 * carries ({@code herald.auth.user-claims}, default {@code sub}). Pure: claims are looked up through a function, so
 * the same rules serve every server's token type and the unit tests.
 */
public record IdentityClaims(List<String> rolesClaims, List<String> userClaims) {
    public static final String ROLES_SETTING = "herald.auth.roles-claims";
    public static final String USER_SETTING = "herald.auth.user-claims";

    public IdentityClaims {
        rolesClaims = List.copyOf(rolesClaims);
        userClaims = List.copyOf(userClaims);
    }

    /** The claims as configured for this application (read once). */
    public static IdentityClaims configured() {
        return Configured.CLAIMS;
    }

    private static final class Configured {
        static final IdentityClaims CLAIMS =
                new IdentityClaims(setting(ROLES_SETTING, "groups"), setting(USER_SETTING, "sub"));

        private static List<String> setting(String name, String fallback) {
            String value = ConfigProvider.getConfig()
                    .getOptionalValue(name, String.class)
                    .orElse(fallback);
            List<String> names = Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
            return names.isEmpty() ? List.of(fallback) : names;
        }
    }

    /** Whether roles come only from {@code groups}, which every MP JWT server maps to roles itself. */
    public boolean containerRolesSuffice() {
        return rolesClaims.equals(List.of("groups"));
    }

    /** Every role the token grants through the listed claims. */
    public Set<String> roles(Function<String, Object> claims) {
        Set<String> roles = new LinkedHashSet<>();
        for (String path : rolesClaims) {
            collect(at(claims, path), roles);
        }
        return roles;
    }

    /** The user: the first listed claim that holds a non-blank string. */
    public Optional<String> user(Function<String, Object> claims) {
        for (String claim : userClaims) {
            Object value = claims.apply(claim);
            String text = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
            if (text != null && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** The value at a dotted path: the first segment is a claim, the rest are keys of nested objects. */
    private static Object at(Function<String, Object> claims, String path) {
        String[] segments = path.split("\\.");
        Object value = claims.apply(segments[0]);
        for (int i = 1; i < segments.length && value != null; i++) {
            if (value instanceof JsonObject object) {
                value = object.get(segments[i]);
            } else if (value instanceof Map<?, ?> map) {
                value = map.get(segments[i]);
            } else {
                return null;
            }
        }
        return value;
    }

    private static void collect(Object value, Set<String> into) {
        if (value instanceof JsonArray array) {
            array.forEach(element -> collect(element, into));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(element -> collect(element, into));
        } else if (value instanceof JsonString text) {
            into.add(text.getString());
        } else if (value instanceof String text && !text.isBlank()) {
            into.add(text);
        }
        // numbers, booleans, objects and absent claims name no role
    }
}
