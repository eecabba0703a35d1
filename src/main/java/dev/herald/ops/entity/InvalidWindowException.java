package dev.herald.ops.entity;

/** An analytics window that cannot be answered; names the query parameter to change. */
public final class InvalidWindowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidWindowException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
