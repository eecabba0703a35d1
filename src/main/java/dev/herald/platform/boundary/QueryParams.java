package dev.herald.platform.boundary;

import jakarta.ws.rs.core.Response;

/** Parses query parameters into values or a 400 problem naming the parameter. */
public final class QueryParams {
    private QueryParams() {}

    public static int limit(String text, int defaultValue, int max) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(
                Problem.of(Response.Status.BAD_REQUEST, "limit must be a whole number from 1 to " + max));
    }

    public static boolean flag(String name, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ProblemException(
                    Problem.of(Response.Status.BAD_REQUEST, name + " must be true or false"));
        };
    }
}
