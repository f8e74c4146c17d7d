package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** The AWS SDK for Java v2 parses the provisioned-concurrency answers and maps their errors to its classes. */
class ProvisionedConcurrencySdkTest {
    private static TestApi api;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        lambda = api.sdkClient();
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        api.close();
    }

    @BeforeEach
    void reset() {
        api.reset();
        lambda.createFunction(b -> b.functionName("sdk-pc").runtime(Runtime.PYTHON3_12).handler("app.handler")
                .role("arn:aws:iam::123456789012:role/r")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestApi.zip("app.py", "def handler(e, c): pass")))));
        lambda.publishVersion(b -> b.functionName("sdk-pc"));
    }

    @Test
    void putGetListAndDeleteParse() {
        var put = lambda.putProvisionedConcurrencyConfig(b -> b.functionName("sdk-pc").qualifier("1")
                .provisionedConcurrentExecutions(2));
        assertThat(put.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.IN_PROGRESS);
        assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(put.allocatedProvisionedConcurrentExecutions()).isZero();
        assertThat(put.lastModified()).isNotBlank();

        api.control.allocateAll();
        var get = lambda.getProvisionedConcurrencyConfig(b -> b.functionName("sdk-pc").qualifier("1"));
        assertThat(get.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
        assertThat(get.availableProvisionedConcurrentExecutions()).isEqualTo(2);

        var list = lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("sdk-pc"));
        assertThat(list.provisionedConcurrencyConfigs()).singleElement().satisfies(c -> {
            assertThat(c.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:sdk-pc:1");
            assertThat(c.statusAsString()).isEqualTo("READY");
        });
        assertThat(list.nextMarker()).isNull();

        lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName("sdk-pc").qualifier("1"));
        assertThatThrownBy(() -> lambda.getProvisionedConcurrencyConfig(b -> b.functionName("sdk-pc").qualifier("1")))
                .isInstanceOfSatisfying(ProvisionedConcurrencyConfigNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404))
                .hasMessageContaining("No Provisioned Concurrency Config found");
    }

    @Test
    void refusalsMapToTheirExceptionClasses() {
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("sdk-pc")
                .qualifier("$LATEST").provisionedConcurrentExecutions(1)))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("unpublished");
        assertThatThrownBy(() -> lambda.putProvisionedConcurrencyConfig(b -> b.functionName("sdk-pc")
                .qualifier("9").provisionedConcurrentExecutions(1)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName("sdk-pc")
                .qualifier("1"))).isInstanceOf(ResourceNotFoundException.class);
    }
}
