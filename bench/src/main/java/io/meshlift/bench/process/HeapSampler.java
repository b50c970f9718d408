package io.meshlift.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Used heap of another JVM, from {@code jstat -gc}: S0U + S1U + EU + OU (survivors, eden, old), the
 * same quantity the pair-copy benchmark reports. Sampling runs {@code jstat -gc <pid> <interval>} as a child
 * process and keeps the peak; {@link #usedAfterGc(long)} asks for a full GC with {@code jcmd GC.run} first.
 */
public final class HeapSampler implements AutoCloseable {

    private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

    private final Process jstat;
    private final Thread reader;
    private volatile double peakKib;
    private volatile int samples;

    private HeapSampler(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "jstat-sampler");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts sampling {@code pid} every {@code intervalMillis}. */
    public static HeapSampler start(long pid, int intervalMillis) {
        try {
            return new HeapSampler(
                    new ProcessBuilder(tool("jstat"), "-gc", Long.toString(pid), Integer.toString(intervalMillis))
                            .redirectErrorStream(true)
                            .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start jstat", e);
        }
    }

    /** Peak used heap seen so far, in MiB. */
    public double peakMib() {
        return peakKib / 1024.0;
    }

    public int samples() {
        return samples;
    }

    /** Used heap in MiB right after a full GC of {@code pid} (live data plus what the collector keeps). */
    public static double usedAfterGc(long pid) {
        run(tool("jcmd"), Long.toString(pid), "GC.run");
        List<String> lines = run(tool("jstat"), "-gc", Long.toString(pid))
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
        return usedKib(lines.get(0), lines.get(1)) / 1024.0;
    }

    private void read() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            String header = null;
            String line;
            while ((line = out.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.trim().startsWith("S0C")) {
                    header = line;
                    continue;
                }
                if (header != null) {
                    double used = usedKib(header, line);
                    samples++;
                    if (used > peakKib) {
                        peakKib = used;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // jstat ends when the sampled JVM or the sampler is stopped; the peak so far stands.
        }
    }

    private static double usedKib(String header, String values) {
        List<String> names = Arrays.asList(header.trim().split("\\s+"));
        String[] numbers = values.trim().split("\\s+");
        double used = 0;
        for (String column : USED_COLUMNS) {
            int index = names.indexOf(column);
            if (index < 0) {
                throw new IllegalStateException("jstat -gc printed no " + column + " column: " + header);
            }
            used += Double.parseDouble(numbers[index]);
        }
        return used;
    }

    private static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Stops the jstat child (its own PID) and waits for the last sample to be read. */
    @Override
    public void close() {
        jstat.destroy();
        try {
            jstat.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
