package io.meshlift.bench.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One streamed export over HTTP into a discarding sink: bytes and lines counted, nothing kept.
 *
 * @param status HTTP status, or 0 when the request failed before an answer
 * @param seconds from sending the request to the last byte (or to giving up)
 * @param completed false when the time limit ended it first
 */
record ExportRun(int status, long bytes, long lines, double seconds, boolean completed, String error) {

    static ExportRun fetch(HttpClient http, URI uri, String token, Duration limit) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(limit)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long bytes = 0;
        long lines = 0;
        int status = 0;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            byte[] buffer = new byte[1 << 16];
            try (InputStream body = response.body()) {
                int read;
                while ((read = body.read(buffer)) >= 0) {
                    bytes += read;
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        return new ExportRun(
                                status,
                                bytes,
                                lines,
                                seconds(start),
                                false,
                                "stopped after " + limit.toSeconds() + " s");
                    }
                }
            }
            return new ExportRun(status, bytes, lines, seconds(start), status == 200, null);
        } catch (HttpTimeoutException e) {
            return new ExportRun(
                    status, bytes, lines, seconds(start), false, "no answer within " + limit.toSeconds() + " s");
        } catch (IOException e) {
            return new ExportRun(status, bytes, lines, seconds(start), false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    double mibPerSecond() {
        return bytes / 1048576.0 / seconds;
    }
}
