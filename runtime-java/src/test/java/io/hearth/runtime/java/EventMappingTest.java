package io.hearth.runtime.java;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** aws-lambda-java-events classes mapped with Lambda's event naming (the classes on the test class path). */
class EventMappingTest {
    private final PojoCodec codec = new PojoCodec.Builtin();

    private Object read(String json, Type type) throws Throwable {
        return codec.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private Object roundTrip(Object value) throws Throwable {
        return JsonBinder.natural(JsonReader.parse(codec.write(value, value.getClass())));
    }

    @Test
    void apiGatewayProxyRequest() throws Throwable {
        var e = (APIGatewayProxyRequestEvent) read(EventSamples.API_GATEWAY_PROXY, APIGatewayProxyRequestEvent.class);
        assertThat(e.getHttpMethod()).isEqualTo("POST");
        assertThat(e.getResource()).isEqualTo("/{proxy+}");
        assertThat(e.getIsBase64Encoded()).isFalse();
        assertThat(e.getQueryStringParameters()).containsEntry("q", "1");
        assertThat(e.getMultiValueQueryStringParameters()).containsEntry("q", List.of("1"));
        assertThat(e.getHeaders()).containsEntry("Accept", "text/html");
        assertThat(e.getRequestContext().getRequestId()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(e.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(e.getRequestContext().getIdentity().getUserAgent()).isEqualTo("Custom User Agent String");
        assertThat(e.getStageVariables()).containsEntry("baz", "qux");
        @SuppressWarnings("unchecked")
        var back = (Map<String, Object>) roundTrip(e);
        assertThat(back).containsEntry("httpMethod", "POST").containsEntry("isBase64Encoded", false)
                .containsEntry("body", "eyJ0ZXN0IjoiYm9keSJ9").doesNotContainKey("multiValueHeaders".toUpperCase());
    }

    @Test
    void apiGatewayProxyResponseOmitsNulls() throws Throwable {
        var r = new APIGatewayProxyResponseEvent().withStatusCode(200).withHeaders(Map.of("A", "b")).withBody("hi");
        assertThat(new String(codec.write(r, APIGatewayProxyResponseEvent.class), StandardCharsets.UTF_8))
                .isEqualTo("{\"statusCode\":200,\"headers\":{\"A\":\"b\"},\"body\":\"hi\"}");
    }

    @Test
    void sqsRecordsAndEventSourceArn() throws Throwable {
        var e = (SQSEvent) read(EventSamples.SQS, SQSEvent.class);
        assertThat(e.getRecords()).hasSize(2);
        SQSEvent.SQSMessage m = e.getRecords().get(0);
        assertThat(m.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-2:123456789012:my-queue");
        assertThat(m.getMd5OfBody()).isEqualTo("e4e68fb7bd0e697a0ae8f1bb342846b3");
        assertThat(m.getAwsRegion()).isEqualTo("us-east-2");
        assertThat(m.getMessageAttributes().get("color").getStringValue()).isEqualTo("blue");
        assertThat(m.getMessageAttributes().get("color").getDataType()).isEqualTo("String");
        assertThat(m.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
        @SuppressWarnings("unchecked")
        var back = (Map<String, Object>) roundTrip(e);
        assertThat(back).containsOnlyKeys("Records");
        @SuppressWarnings("unchecked")
        var first = (Map<String, Object>) ((List<?>) back.get("Records")).get(0);
        assertThat(first).containsEntry("eventSourceARN", "arn:aws:sqs:us-east-2:123456789012:my-queue")
                .containsEntry("messageId", "059f36b4-87a3-44ab-83d2-661975830a7d");
    }

    @Test
    void snsIsPascalCase() throws Throwable {
        var e = (SNSEvent) read(EventSamples.SNS, SNSEvent.class);
        SNSEvent.SNS sns = e.getRecords().get(0).getSNS();
        assertThat(e.getRecords().get(0).getEventSource()).isEqualTo("aws:sns");
        assertThat(sns.getMessage()).isEqualTo("Hello from SNS!");
        assertThat(sns.getTopicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:sns-lambda");
        assertThat(sns.getSigningCertUrl()).startsWith("https://sns.us-east-1.amazonaws.com/");
        assertThat(sns.getMessageAttributes().get("Test").getValue()).isEqualTo("TestString");
        assertThat(sns.getTimestamp().getMillis()).isEqualTo(1546433107000L);
        @SuppressWarnings("unchecked")
        var record = (Map<String, Object>) ((List<?>) ((Map<String, Object>) roundTrip(e)).get("Records")).get(0);
        assertThat(record).containsKeys("EventSource", "Sns");
    }

    @Test
    void scheduledEventDetailTypeAndJodaTime() throws Throwable {
        var e = (ScheduledEvent) read(EventSamples.SCHEDULED, ScheduledEvent.class);
        assertThat(e.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(e.getTime().getMillis()).isEqualTo(1551403425000L);
        assertThat(e.getDetail()).containsEntry("instance-id", "i-0123").containsEntry("n", 2);
        assertThat(e.getResources()).hasSize(1);
        @SuppressWarnings("unchecked")
        var back = (Map<String, Object>) roundTrip(e);
        assertThat(back).containsEntry("detail-type", "Scheduled Event").containsKey("time");
        assertThat((String) back.get("time")).startsWith("2019-03-01T01:23:45.000");
    }

    @Test
    void dynamodbStreamRecordsAttributeValuesAndEpochSecondDates() throws Throwable {
        var e = (DynamodbEvent) read(EventSamples.DYNAMODB, DynamodbEvent.class);
        var r = e.getRecords().get(0);
        assertThat(r.getEventName()).isEqualTo("INSERT");
        assertThat(r.getEventSourceARN()).startsWith("arn:aws:dynamodb:");
        assertThat(r.getDynamodb().getKeys().get("Id").getN()).isEqualTo("101");
        assertThat(r.getDynamodb().getNewImage().get("Message").getS()).isEqualTo("New item!");
        assertThat(r.getDynamodb().getNewImage().get("Flag").getBOOL()).isTrue();
        assertThat(r.getDynamodb().getNewImage().get("Tags").getSS()).containsExactly("a", "b");
        assertThat(r.getDynamodb().getNewImage().get("Nothing").isNULL()).isTrue();
        assertThat(r.getDynamodb().getApproximateCreationDateTime()).isEqualTo(new Date(1_428_537_600_000L));
        assertThat(r.getDynamodb().getSizeBytes()).isEqualTo(26L);
        assertThat(r.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
    }

    @Test
    @SuppressWarnings("unchecked")
    void s3EventsAreBuiltThroughConstructorsAndWrittenBack() throws Throwable {
        var e = (S3Event) read(EventSamples.S3, S3Event.class);
        var r = e.getRecords().get(0);
        assertThat(r.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(r.getEventTime().getMillis()).isEqualTo(1567539447192L);
        assertThat(r.getS3().getBucket().getName()).isEqualTo("DOC-EXAMPLE-BUCKET");
        assertThat(r.getS3().getObject().getKey()).isEqualTo("b21b84d653bb07b05b1e6b33684dc11b%20x");
        assertThat(r.getS3().getObject().getUrlDecodedKey()).isEqualTo("b21b84d653bb07b05b1e6b33684dc11b x");
        assertThat(r.getS3().getObject().getSizeAsLong()).isEqualTo(1305107L);
        assertThat(r.getResponseElements().getxAmzRequestId()).isEqualTo("D82B88E5F771F645");
        assertThat(r.getUserIdentity().getPrincipalId()).isEqualTo("AWS:AIDAINPONIXQXHT3IKHL2");
        var back = (Map<String, Object>) ((List<?>) ((Map<String, Object>) roundTrip(e)).get("Records")).get(0);
        var object = (Map<String, Object>) ((Map<String, Object>) back.get("s3")).get("object");
        assertThat(object).containsEntry("key", "b21b84d653bb07b05b1e6b33684dc11b%20x").containsEntry("size", 1305107)
                .containsEntry("eTag", "b21b84d653bb07b05b1e6b33684dc11b").doesNotContainKey("versionId");
        assertThat(back).containsEntry("eventName", "ObjectCreated:Put")
                .containsEntry("responseElements", Map.of("x-amz-id-2",
                        "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=",
                        "x-amz-request-id", "D82B88E5F771F645"));
        assertThat((String) back.get("eventTime")).startsWith("2019-09-03T19:37:27.192");
    }
}
