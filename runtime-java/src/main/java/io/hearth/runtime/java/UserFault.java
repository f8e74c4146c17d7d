package io.hearth.runtime.java;

/**
 * The function's code cannot be loaded as configured: class not found, no suitable handler
 * method, a constructor or static initializer that threw. Reported as an init error with Lambda's
 * message and type; {@code detail} (when the fault comes from a throwable) supplies the stack
 * trace and cause chain.
 */
final class UserFault extends Exception {
    /** Type of faults Lambda's Java runtime reports by message alone (bad handler string, no such method). */
    static final String HANDLER_NOT_FOUND = "Runtime.HandlerNotFound";

    private final String errorType;
    private final transient Throwable detail;

    UserFault(String message, String errorType, Throwable detail) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.detail = detail;
    }

    static UserFault handlerNotFound(String message) {
        return new UserFault(message, HANDLER_NOT_FOUND, null);
    }

    /** A fault named after {@code t}: its message (or class name) and class. */
    static UserFault of(Throwable t) {
        return new UserFault(ErrorReport.message(t), t.getClass().getName(), t);
    }

    String errorType() {
        return errorType;
    }

    ErrorReport report() {
        if (detail == null) return new ErrorReport(getMessage(), errorType, java.util.List.of(), null);
        ErrorReport d = ErrorReport.of(detail);
        return new ErrorReport(getMessage(), errorType, d.stackTrace(), d.cause());
    }

    String logText() {
        return ErrorReport.logText(getMessage(), errorType, detail);
    }
}
