package io.hearth.model;

/**
 * Stable, client-visible error types of the Lambda control and invoke APIs, each with the HTTP
 * status Lambda answers it with. The single place HTTP status is decided for platform errors.
 */
public enum ErrorCode {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    PROVISIONED_CONCURRENCY_CONFIG_NOT_FOUND("ProvisionedConcurrencyConfigNotFoundException", 404),
    RESOURCE_CONFLICT("ResourceConflictException", 409),
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400),
    INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400),
    REQUEST_TOO_LARGE("RequestTooLargeException", 413),
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaTypeException", 415),
    PRECONDITION_FAILED("PreconditionFailedException", 412),
    TOO_MANY_REQUESTS("TooManyRequestsException", 429),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403),
    NOT_FOUND_ROUTE("UnknownOperationException", 404),
    METHOD_NOT_ALLOWED("MethodNotAllowedException", 405),
    SERVICE("ServiceException", 500);

    private final String type;
    private final int status;

    ErrorCode(String type, int status) {
        this.type = type;
        this.status = status;
    }

    /** The value of {@code x-amzn-ErrorType}. */
    public String type() { return type; }

    public int status() { return status; }
}
