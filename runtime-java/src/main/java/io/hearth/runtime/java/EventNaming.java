package io.hearth.runtime.java;

import java.util.Map;
import java.util.Set;

/**
 * JSON names of the {@code aws-lambda-java-events} classes where they differ from the bean names:
 * Lambda's serializer maps these events with Jackson mix-ins (e.g. SQS {@code Records},
 * {@code eventSourceARN}; ScheduledEvent {@code detail-type}) and names SNS events in PascalCase.
 * Keys are binary class names; inner maps go from the bean property name (standard bean naming:
 * {@code getEventSourceArn} gives {@code eventSourceArn}, {@code getSNS} gives {@code SNS}) to the
 * JSON name.
 *
 * <p>Events in this package also read and write {@code java.util.Date} as fractional epoch
 * <em>seconds</em> (Lambda's date module for events); other types use epoch milliseconds.
 * {@code S3Event} / {@code S3EventNotification} are not beans at all: see {@link S3Events}.
 */
final class EventNaming {
    static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";
    private static final String E = EVENTS;
    private static final Map<String, String> RECORDS = Map.of("records", "Records");
    private static final Map<String, String> ARN = Map.of("eventSourceArn", "eventSourceARN");
    private static final Map<String, String> RECORDS_AND_ARN = Map.of("records", "Records", "eventSourceArn", "eventSourceARN");
    private static final Map<String, String> ENDPOINT = Map.of("address", "Address", "type", "Type");

    private static final Map<String, Map<String, String>> RENAMES = Map.ofEntries(
            Map.entry(E + "SQSEvent", RECORDS),
            Map.entry(E + "SQSEvent$SQSMessage", ARN),
            Map.entry(E + "SNSEvent", RECORDS),
            Map.entry(E + "SNSEvent$SNSRecord", Map.of("SNS", "Sns", "sns", "Sns")),
            Map.entry(E + "KinesisEvent", RECORDS),
            Map.entry(E + "KinesisTimeWindowEvent", RECORDS_AND_ARN),
            Map.entry(E + "DynamodbEvent", RECORDS),
            Map.entry(E + "DynamodbTimeWindowEvent", RECORDS_AND_ARN),
            Map.entry(E + "DynamodbEvent$DynamodbStreamRecord", ARN),
            Map.entry(E + "models.dynamodb.StreamRecord", Map.of("keys", "Keys", "sizeBytes", "SizeBytes",
                    "sequenceNumber", "SequenceNumber", "streamViewType", "StreamViewType", "newImage", "NewImage",
                    "oldImage", "OldImage", "approximateCreationDateTime", "ApproximateCreationDateTime")),
            Map.entry(E + "models.dynamodb.AttributeValue", Map.of("s", "S", "n", "N", "b", "B", "m", "M", "l", "L",
                    "NULL", "NULL", "BOOL", "BOOL", "SS", "SS", "NS", "NS", "BS", "BS")),
            Map.entry(E + "CloudFrontEvent", RECORDS),
            Map.entry(E + "CloudWatchLogsEvent", Map.of("awsLogs", "awslogs")),
            Map.entry(E + "CodeCommitEvent", RECORDS),
            Map.entry(E + "CodeCommitEvent$Record", Map.of("codeCommit", "codecommit", "eventSourceArn", "eventSourceARN",
                    "userIdentityArn", "userIdentityARN")),
            Map.entry(E + "ConnectEvent", Map.of("details", "Details", "name", "Name")),
            Map.entry(E + "ConnectEvent$Details", Map.of("contactData", "ContactData", "parameters", "Parameters")),
            Map.entry(E + "ConnectEvent$ContactData", Map.ofEntries(Map.entry("attributes", "Attributes"),
                    Map.entry("channel", "Channel"), Map.entry("contactId", "ContactId"),
                    Map.entry("customerEndpoint", "CustomerEndpoint"), Map.entry("initialContactId", "InitialContactId"),
                    Map.entry("initiationMethod", "InitiationMethod"), Map.entry("instanceArn", "InstanceARN"),
                    Map.entry("previousContactId", "PreviousContactId"), Map.entry("queue", "Queue"),
                    Map.entry("systemEndpoint", "SystemEndpoint"))),
            Map.entry(E + "ConnectEvent$CustomerEndpoint", ENDPOINT),
            Map.entry(E + "ConnectEvent$SystemEndpoint", ENDPOINT),
            Map.entry(E + "ScheduledEvent", Map.of("detailType", "detail-type")),
            Map.entry(E + "SecretsManagerRotationEvent", Map.of("step", "Step", "secretId", "SecretId",
                    "clientRequestToken", "ClientRequestToken", "rotationToken", "RotationToken")),
            Map.entry(E + "CloudFormationCustomResourceEvent", Map.of("requestType", "RequestType",
                    "serviceToken", "ServiceToken", "physicalResourceId", "PhysicalResourceId",
                    "responseUrl", "ResponseURL", "stackId", "StackId", "requestId", "RequestId",
                    "logicalResourceId", "LogicalResourceId", "resourceType", "ResourceType",
                    "resourceProperties", "ResourceProperties", "oldResourceProperties", "OldResourceProperties")));

    /** Classes named in PascalCase throughout (Lambda maps SNSEvent with a PascalCase strategy). */
    private static final Set<String> PASCAL = Set.of(E + "SNSEvent", E + "SNSEvent$SNSRecord", E + "SNSEvent$SNS",
            E + "SNSEvent$MessageAttribute");

    private EventNaming() {}

    /** The JSON name of bean property {@code name} of {@code type} (or null when it keeps its bean name). */
    static String explicit(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Map<String, String> m = RENAMES.get(c.getName());
            if (m != null && m.containsKey(name)) return m.get(name);
        }
        return null;
    }

    static boolean pascal(Class<?> type) {
        return PASCAL.contains(type.getName());
    }

    /** Whether {@code type} is an event class, whose dates are epoch seconds. */
    static boolean isEvent(Class<?> type) {
        return type.getName().startsWith(EVENTS);
    }
}
