package dev.herald.platform.control;

/** The first line of a failure's innermost message: what went wrong, in words, without class names. */
public final class RootCause {
    private RootCause() {}

    /** The innermost cause of a failure (the failure itself when it has none). */
    public static Throwable of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    public static String message(Throwable failure) {
        Throwable root = of(failure);
        String message = root.getMessage();
        return message == null || message.isBlank()
                ? "an unexpected " + root.getClass().getSimpleName()
                : message.lines().findFirst().orElse("").strip();
    }
}
