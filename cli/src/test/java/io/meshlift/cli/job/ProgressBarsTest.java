package io.meshlift.cli.job;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void drawsABarForTheJobAndOneForEachTransferWithBytesRateEtaAndState() throws Exception {
        List<String> rendered = new CopyOnWriteArrayList<>();
        ProgressBars bars = new ProgressBars(() -> new DelegatingProgressBarConsumer(rendered::add, 160));

        bars.update(job("RUNNING", 32L << 20, 45));
        bars.update(job("SUCCEEDED", 64L << 20, null));
        bars.close();

        String last = String.join("\n", rendered);
        assertThat(rendered)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("job 0b6e4c1a")
                        .contains("32/64 MiB")
                        .contains("MiB/s")
                        .contains("0:00:45")
                        .contains("RUNNING 0/1 transfers"));
        assertThat(rendered)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("billing -> dc2-db-01:data:backups/billing")
                        .contains("64/64 MiB")
                        .contains("SUCCEEDED 3/3 files"));
        assertThat(last).contains("100%");
    }

    private static JsonNode job(String state, long bytesDone, Integer eta) throws Exception {
        String etaJson = eta == null ? "null" : eta.toString();
        int done = "SUCCEEDED".equals(state) ? 1 : 0;
        long files = "SUCCEEDED".equals(state) ? 3 : 1;
        return JSON.readTree("{\"id\":\"0b6e4c1a-0000-4000-8000-000000000001\",\"state\":\"" + state + "\","
                + "\"progress\":{\"transfers\":1,\"transfersDone\":" + done + ",\"filesDone\":" + files
                + ",\"filesTotal\":3,\"bytesDone\":" + bytesDone + ",\"bytesTotal\":" + (64L << 20)
                + ",\"rateBytesPerSecond\":1048576,\"etaSeconds\":" + etaJson + "},"
                + "\"transfers\":[{\"id\":\"t1\",\"dataset\":\"billing\",\"destination\":"
                + "\"dc2-db-01:data:backups/billing\",\"state\":\"" + state + "\",\"filesDone\":" + files
                + ",\"filesTotal\":3,\"bytesDone\":" + bytesDone + ",\"bytesTotal\":" + (64L << 20)
                + ",\"etaSeconds\":" + etaJson + "}]}");
    }
}
