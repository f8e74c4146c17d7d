package io.hearth.cli;

/**
 * Why a client command could not do its job, with the exit code it ends with. Printed as
 * {@code error: <message>} on stderr; a stack trace would only hide the cause from the user.
 */
abstract sealed class ClientFailure extends Exception
        permits ClientFailure.Api, ClientFailure.Unreachable, ClientFailure.Input {

    /** Exit code of a refusal by the server and of bad input. */
    static final int REFUSED = 2;
    /** Exit code when the server cannot be reached or the connection breaks. */
    static final int UNREACHABLE = 3;

    private ClientFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    abstract int exitCode();

    /** The server answered with an error: {@code x-amzn-ErrorType} and its message. */
    static final class Api extends ClientFailure {
        private final int status;
        private final String type;

        Api(int status, String type, String message) {
            super(type + ": " + message, null);
            this.status = status;
            this.type = type;
        }

        int status() { return status; }

        String type() { return type; }

        @Override
        int exitCode() { return REFUSED; }
    }

    /** No HTTP exchange with the server was possible, or it broke off. */
    static final class Unreachable extends ClientFailure {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        int exitCode() { return UNREACHABLE; }
    }

    /** The user's input is unusable; nothing was sent. */
    static final class Input extends ClientFailure {
        Input(String message) {
            super(message, null);
        }

        @Override
        int exitCode() { return REFUSED; }
    }
}
