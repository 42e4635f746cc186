package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one place that renders failures: problems as they say, the unexpected as a 500 with a correlation id. */
class ProblemMapperTest {

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final ProblemMapper mapper = new ProblemMapper();
    private final java.util.Map<String, Object> attributes = new java.util.HashMap<>();

    @BeforeEach
    void wire() {
        mapper.attributes = attributes::get;
        attributes.put(RequestCorrelation.PROPERTY, "corr-123");
        Logger.getLogger(ProblemMapper.class.getName()).addHandler(capture);
    }

    @AfterEach
    void unwire() {
        Logger.getLogger(ProblemMapper.class.getName()).removeHandler(capture);
    }

    @Test
    void unexpectedFailureIs500WithTheCorrelationIdAndNoInternals() {
        Response response = mapper.toResponse(new IllegalStateException("pool exhausted for sk_live_secret"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        String body = (String) response.getEntity();
        assertThat(body).contains("\"correlation_id\":\"corr-123\"").contains("corr-123")
                .doesNotContain("IllegalStateException").doesNotContain("sk_live_secret").doesNotContain("dev.codeai");
        assertThat(logged).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).contains("corr-123");
            assertThat(record.getThrown()).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void jaxRsErrorsKeepTheirStatus() {
        Response response = mapper.toResponse(new NotFoundException());

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat((String) response.getEntity()).contains("\"title\":\"Not Found\"");
        assertThat(logged).isEmpty();
    }

    @Test
    void aProblemWrappedByABodyReaderIsRenderedAsItself() {
        attributes.put(RequestSizeLimit.EXCEEDED, 10L);
        Response response = mapper.toResponse(new jakarta.ws.rs.BadRequestException("wrapped"));

        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterWhateverWrapsIt() {
        java.sql.SQLException refused = new java.sql.SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        Response response = mapper.toResponse(new IllegalStateException("cannot store the event e-1", refused));
        Response shuttingDown = mapper.toResponse(new RuntimeException(new java.sql.SQLException("terminating", "57P01")));
        Response otherSql = mapper.toResponse(new IllegalStateException(new java.sql.SQLException("syntax", "42601")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat((String) response.getEntity()).contains("the request was not completed").doesNotContain("5432");
        assertThat(shuttingDown.getStatus()).isEqualTo(503);
        assertThat(otherSql.getStatus()).isEqualTo(500);
    }
}
