package io.meshlift.agent.coordinator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import io.meshlift.proto.control.v1.Report;

/**
 * Reports waiting for the coordinator's acknowledgement, in an H2 MVStore file in the agent's state
 * directory. Each {@link #append} gives the report the next id, writes it and forces it to disk
 * before returning, so an id is never reused and a report is never lost once appended, across
 * crashes and restarts. Reports stay until {@link #acknowledge} covers them; {@link #after} reads
 * them back in id order a page at a time, so memory stays bounded however many wait (the store
 * keeps a small page cache). Also remembers which pull ids are coordinator assignments, so that
 * pulls started through the admin API are not reported.
 *
 * <p>Thread-safe.
 */
public final class ReportOutbox implements AutoCloseable {

    private static final String LAST_ID = "last-report-id";
    private static final int PAGE_CACHE_MIB = 4;

    private final Path file;
    private final MVStore store;
    private final MVMap<Long, byte[]> reports;
    private final MVMap<String, Long> counters;
    private final MVMap<String, String> assignments;
    private volatile Runnable onAppend = () -> {};

    private ReportOutbox(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.reports = store.openMap("reports");
        this.counters = store.openMap("counters");
        this.assignments = store.openMap("assignments");
    }

    public static ReportOutbox open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the directory of the report outbox " + file + ": " + e, e);
        }
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(PAGE_CACHE_MIB)
                .autoCommitDisabled()
                .open();
        return new ReportOutbox(file, store);
    }

    /** Called after every append (from the appending thread); must be quick. */
    public void onAppend(Runnable listener) {
        this.onAppend = listener;
    }

    /** Stores {@code report} with the next report id, durably, and returns it as stored. */
    public Report append(Report.Builder report) {
        Report stored;
        synchronized (this) {
            long id = lastId() + 1;
            stored = report.setReportId(id).build();
            reports.put(id, stored.toByteArray());
            counters.put(LAST_ID, id);
            store.commit();
            store.sync();
        }
        onAppend.run();
        return stored;
    }

    /** Highest report id ever appended (0 before the first), surviving restarts and acknowledgements. */
    public long lastId() {
        Long last = counters.get(LAST_ID);
        return last == null ? 0 : last;
    }

    /**
     * Makes the next id larger than {@code id}: when the coordinator has stored ids this agent no
     * longer knows (its state directory was lost), new reports must not reuse them, or the
     * coordinator would drop them as duplicates.
     */
    public synchronized void advanceTo(long id) {
        if (id > lastId()) {
            counters.put(LAST_ID, id);
            store.commit();
            store.sync();
        }
    }

    /** Forgets every report up to and including {@code upTo}; returns how many were removed. */
    public synchronized int acknowledge(long upTo) {
        int removed = 0;
        Long first = reports.firstKey();
        while (first != null && first <= upTo) {
            reports.remove(first);
            removed++;
            first = reports.firstKey();
        }
        if (removed > 0) {
            // No fsync: an acknowledgement lost in a crash only means a report is sent again.
            store.commit();
        }
        return removed;
    }

    /** Up to {@code max} waiting reports with ids above {@code afterId}, in id order. */
    public List<Report> after(long afterId, int max) {
        List<Report> page = new ArrayList<>(Math.min(max, 256));
        Iterator<Long> ids = reports.keyIterator(afterId + 1);
        while (page.size() < max && ids.hasNext()) {
            long id = ids.next();
            byte[] bytes = reports.get(id);
            if (bytes == null) {
                continue; // acknowledged meanwhile
            }
            try {
                page.add(Report.parseFrom(bytes));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(
                        "report " + id + " in " + file + " is unreadable: " + e.getMessage(), e);
            }
        }
        return page;
    }

    /** Reports appended and not acknowledged yet. */
    public long pending() {
        return reports.sizeAsLong();
    }

    /** Records that pull {@code pullId} runs coordinator assignment {@code assignmentId}. */
    public synchronized void rememberAssignment(String pullId, String assignmentId) {
        assignments.put(pullId, assignmentId);
        store.commit();
        store.sync();
    }

    /** The coordinator assignment pull {@code pullId} runs, or null for a pull of the admin API. */
    public String assignmentOf(String pullId) {
        return assignments.get(pullId);
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
