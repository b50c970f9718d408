package io.meshlift.agent.auth;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token source against a token endpoint served in-test. */
class ClientCredentialsTokensTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> forms = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void serveTokens() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> {
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = (status == 200
                            ? "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":100}"
                            : "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client credentials\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ClientCredentialsTokens tokens(Clock clock) throws Exception {
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, "s3cret&=\n");
        return new ClientCredentialsTokens(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token"),
                "meshlift-agent-alpha",
                secret,
                HttpClient.newHttpClient(),
                new ObjectMapper(),
                clock);
    }

    @Test
    void cachesTheTokenUntilSeventyPercentOfItsLifetimeThenRenews() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        ClientCredentialsTokens tokens = tokens(clock);

        AccessToken first = tokens.current();
        assertThat(first.value()).isEqualTo("token-1");
        assertThat(first.refreshAt()).isEqualTo(Instant.parse("2030-01-01T00:01:10Z"));
        assertThat(first.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:01:40Z"));
        clock.advance(Duration.ofSeconds(69));
        assertThat(tokens.current().value()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.current().value()).isEqualTo("token-2");
        assertThat(forms).hasSize(2).allSatisfy(form -> {
            assertThat(form).contains("grant_type=client_credentials", "client_id=meshlift-agent-alpha");
            // The secret is form-encoded and stripped of the file's trailing newline.
            assertThat(URLDecoder.decode(form, StandardCharsets.UTF_8)).contains("client_secret=s3cret&=");
        });
    }

    @Test
    void aRefusalSaysWhyWithoutTheSecret() throws Exception {
        status = 401;

        assertThatThrownBy(() -> tokens(Clock.systemUTC()).current())
                .isInstanceOf(TokenUnavailableException.class)
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("meshlift-agent-alpha")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
