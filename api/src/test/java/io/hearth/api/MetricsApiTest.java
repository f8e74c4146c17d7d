package io.hearth.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsApiTest {
    private final TestApi api = TestApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void metricsAreServedInPrometheusText() {
        var r = api.get("/hearth/v1/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.text()).contains("# TYPE hearth_invocations_total counter\nhearth_invocations_total 3\n",
                "# TYPE hearth_sandboxes_live gauge\nhearth_sandboxes_live 1\n");
    }
}
