package io.hearth.runtime.java;

/** Event payloads shaped as the AWS services send them (from the Lambda developer guide's samples). */
final class EventSamples {
    private EventSamples() {}

    static final String API_GATEWAY_PROXY = """
            {
              "body": "eyJ0ZXN0IjoiYm9keSJ9",
              "resource": "/{proxy+}",
              "path": "/path/to/resource",
              "httpMethod": "POST",
              "isBase64Encoded": false,
              "queryStringParameters": {"q": "1"},
              "multiValueQueryStringParameters": {"q": ["1"]},
              "pathParameters": {"proxy": "/path/to/resource"},
              "stageVariables": {"baz": "qux"},
              "headers": {"Accept": "text/html", "Host": "1234567890.execute-api.us-east-1.amazonaws.com"},
              "multiValueHeaders": {"Accept": ["text/html"]},
              "requestContext": {
                "accountId": "123456789012",
                "resourceId": "123456",
                "stage": "prod",
                "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                "requestTime": "09/Apr/2015:12:34:56 +0000",
                "requestTimeEpoch": 1428582896000,
                "identity": {"cognitoIdentityPoolId": null, "accountId": null, "sourceIp": "127.0.0.1",
                             "userAgent": "Custom User Agent String", "user": null},
                "path": "/prod/path/to/resource",
                "resourcePath": "/{proxy+}",
                "httpMethod": "POST",
                "apiId": "1234567890",
                "protocol": "HTTP/1.1"
              }
            }""";

    static final String SQS = """
            {
              "Records": [
                {
                  "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
                  "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
                  "body": "Test message.",
                  "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1545082649183",
                                 "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "1545082649185"},
                  "messageAttributes": {"color": {"stringValue": "blue", "stringListValues": [], "binaryListValues": [],
                                                  "dataType": "String"}},
                  "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
                  "eventSource": "aws:sqs",
                  "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
                  "awsRegion": "us-east-2"
                },
                {
                  "messageId": "2e1424d4-f796-459a-8184-9c92662be6da",
                  "receiptHandle": "AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...",
                  "body": "Test message 2.",
                  "attributes": {},
                  "messageAttributes": {},
                  "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
                  "eventSource": "aws:sqs",
                  "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
                  "awsRegion": "us-east-2"
                }
              ]
            }""";

    static final String SNS = """
            {
              "Records": [
                {
                  "EventVersion": "1.0",
                  "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:sns-lambda:21be56ed-a058-49f5-8c98-aedd2564c486",
                  "EventSource": "aws:sns",
                  "Sns": {
                    "SignatureVersion": "1",
                    "Timestamp": "2019-01-02T12:45:07.000Z",
                    "Signature": "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==",
                    "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem",
                    "MessageId": "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
                    "Message": "Hello from SNS!",
                    "MessageAttributes": {"Test": {"Type": "String", "Value": "TestString"}},
                    "Type": "Notification",
                    "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&amp;SubscriptionArn=arn",
                    "TopicArn": "arn:aws:sns:us-east-1:123456789012:sns-lambda",
                    "Subject": "TestInvoke"
                  }
                }
              ]
            }""";

    static final String SCHEDULED = """
            {
              "version": "0",
              "account": "123456789012",
              "region": "us-east-2",
              "detail": {"instance-id": "i-0123", "n": 2},
              "detail-type": "Scheduled Event",
              "source": "aws.events",
              "time": "2019-03-01T01:23:45Z",
              "id": "cdc73f9d-aea9-11e3-9d5a-835b769c0d9c",
              "resources": ["arn:aws:events:us-east-2:123456789012:rule/my-schedule"]
            }""";

    static final String DYNAMODB = """
            {
              "Records": [
                {
                  "eventID": "1",
                  "eventVersion": "1.0",
                  "dynamodb": {
                    "Keys": {"Id": {"N": "101"}},
                    "NewImage": {"Message": {"S": "New item!"}, "Id": {"N": "101"}, "Flag": {"BOOL": true},
                                 "Tags": {"SS": ["a", "b"]}, "Nothing": {"NULL": true}},
                    "ApproximateCreationDateTime": 1428537600,
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                    "SequenceNumber": "111",
                    "SizeBytes": 26
                  },
                  "awsRegion": "us-west-2",
                  "eventName": "INSERT",
                  "eventSourceARN": "arn:aws:dynamodb:us-west-2:123456789012:table/Table/stream/2015-06-27T00:48:05.899",
                  "eventSource": "aws:dynamodb"
                }
              ]
            }""";

    static final String S3 = """
            {
              "Records": [
                {
                  "eventVersion": "2.1",
                  "eventSource": "aws:s3",
                  "awsRegion": "us-east-2",
                  "eventTime": "2019-09-03T19:37:27.192Z",
                  "eventName": "ObjectCreated:Put",
                  "userIdentity": {"principalId": "AWS:AIDAINPONIXQXHT3IKHL2"},
                  "requestParameters": {"sourceIPAddress": "205.255.255.255"},
                  "responseElements": {"x-amz-request-id": "D82B88E5F771F645",
                                       "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo="},
                  "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "828aa6fc-f7b5-4305-8584-487c791949c1",
                    "bucket": {"name": "DOC-EXAMPLE-BUCKET", "ownerIdentity": {"principalId": "A3I5XTEXAMAI3E"},
                               "arn": "arn:aws:s3:::lambda-artifacts-deafc19498e3f2df"},
                    "object": {"key": "b21b84d653bb07b05b1e6b33684dc11b%20x", "size": 1305107,
                               "eTag": "b21b84d653bb07b05b1e6b33684dc11b", "sequencer": "0C0F6F405D6ED209E1"}
                  }
                }
              ]
            }""";
}
