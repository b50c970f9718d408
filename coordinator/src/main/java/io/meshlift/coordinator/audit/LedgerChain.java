package io.meshlift.coordinator.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The audit ledger's hash chain: the hash formula, a streaming checker, and the offline verifier of an
 * exported ledger. It uses the JDK only and stays one file, so an auditor can check an export without
 * the coordinator and without building anything:
 *
 * <pre>java LedgerChain.java ledger-JOB.jsonl    # exit 0: intact, 1: broken, 2: unreadable</pre>
 *
 * <p>The hash of record {@code seq} is the lower-case hex SHA-256 of the UTF-8 bytes of
 *
 * <pre>prevHash "\n" seq "\n" jobId "\n" kind "\n" recordedAt "\n" sha256hex(payload)</pre>
 *
 * where {@code prevHash} is the hash of record {@code seq - 1} (64 zeros before the first record),
 * {@code seq} is decimal, {@code jobId} is the job's UUID or empty, {@code recordedAt} is ISO-8601 UTC
 * as {@link java.time.Instant#toString()} prints it, and {@code payload} is canonical JSON. No field can
 * contain a newline (canonical JSON escapes them), so the encoding is unambiguous. The formula commits
 * to the payload through its digest so an export can redact the payloads of other jobs' records and
 * still be verified end to end.
 */
public final class LedgerChain {

    /** The {@code prevHash} of record 1. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private LedgerChain() {}

    public static String hash(
            String prevHash, long seq, String jobId, String kind, String recordedAt, String payloadSha256) {
        String input = prevHash + "\n" + seq + "\n" + (jobId == null ? "" : jobId) + "\n" + kind + "\n" + recordedAt
                + "\n" + payloadSha256;
        return sha256Hex(input);
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /**
     * One ledger record as the chain sees it.
     *
     * @param payload the canonical JSON payload, or null where an export redacted it
     * @param payloadSha256 hex SHA-256 of the payload's UTF-8 bytes
     */
    public record Link(
            long seq,
            String jobId,
            String kind,
            String recordedAt,
            String payload,
            String payloadSha256,
            String prevHash,
            String hash) {}

    /**
     * The outcome of checking a chain or a segment of it.
     *
     * @param records how many records were checked before the end or the break
     * @param brokenAt the first seq that fails, or null
     * @param reason why it fails, or null
     * @param lastSeq the last seq that passed (0 if none)
     * @param lastHash its hash: compare it with an independently kept copy to detect a rewritten tail
     */
    public record Result(boolean valid, long records, Long brokenAt, String reason, long lastSeq, String lastHash) {}

    /** Checks links fed in seq order; stops at the first break. Not thread-safe. */
    public static final class Checker {

        private long expectedSeq;
        private String expectedPrevHash;
        private long records;
        private long lastSeq;
        private String lastHash;
        private Result broken;

        /**
         * @param firstSeq the seq the first link must have
         * @param prevHash the hash the first link must point back to, or null to accept the first link's
         *     own {@code prevHash} (a segment whose predecessor is not available); record 1 must always
         *     point to {@link #GENESIS_HASH}
         */
        public Checker(long firstSeq, String prevHash) {
            this.expectedSeq = firstSeq;
            this.expectedPrevHash = firstSeq == 1 ? GENESIS_HASH : prevHash;
            this.lastSeq = firstSeq - 1;
            this.lastHash = expectedPrevHash;
        }

        /** A checker for a whole chain, from record 1. */
        public static Checker fromGenesis() {
            return new Checker(1, GENESIS_HASH);
        }

        /** @return false once the chain is broken (at this link or before) */
        public boolean accept(Link link) {
            if (broken != null) {
                return false;
            }
            if (link.seq() != expectedSeq) {
                return link.seq() > expectedSeq
                        ? fail(expectedSeq, "record " + expectedSeq + " is missing: the next record is " + link.seq())
                        : fail(
                                link.seq(),
                                "record " + link.seq() + " is out of order or duplicated: expected " + expectedSeq);
            }
            if (link.payload() != null && !sha256Hex(link.payload()).equals(link.payloadSha256())) {
                return fail(link.seq(), "the payload does not match its SHA-256");
            }
            if (expectedPrevHash != null && !expectedPrevHash.equals(link.prevHash())) {
                return fail(
                        link.seq(),
                        "prev_hash does not match the hash of record " + (link.seq() - 1)
                                + ": that record or this link was altered");
            }
            String computed = hash(
                    link.prevHash(), link.seq(), link.jobId(), link.kind(), link.recordedAt(), link.payloadSha256());
            if (!computed.equals(link.hash())) {
                return fail(
                        link.seq(),
                        "the hash does not match the record's content: job, kind, time or payload" + " was altered");
            }
            records++;
            lastSeq = link.seq();
            lastHash = link.hash();
            expectedSeq = link.seq() + 1;
            expectedPrevHash = link.hash();
            return true;
        }

        /** Records a break found outside the links themselves, such as a chain head pointing past the end. */
        public boolean fail(long seq, String reason) {
            if (broken == null) {
                broken = new Result(false, records, seq, reason, lastSeq, lastHash);
            }
            return false;
        }

        public boolean isBroken() {
            return broken != null;
        }

        public long lastSeq() {
            return lastSeq;
        }

        public String lastHash() {
            return lastHash;
        }

        public Result result() {
            return broken != null ? broken : new Result(true, records, null, null, lastSeq, lastHash);
        }
    }

    /**
     * Verifies an export: one JSON object per line with {@code seq, jobId, kind, recordedAt, payload}
     * (absent where redacted), {@code payloadSha256, prevHash, hash}, consecutive seqs. The first line
     * anchors the segment; compare its {@code prevHash} and the result's {@code lastHash} with values
     * obtained independently (the verify endpoint, an earlier export) to rule out a wholesale rewrite.
     */
    public static Result verifyExport(BufferedReader lines) throws IOException {
        Checker checker = null;
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Link link;
            try {
                link = toLink(new FlatJson(line).parse());
            } catch (IllegalArgumentException e) {
                String reason = "line " + lineNumber + " is not a ledger record: " + e.getMessage();
                if (checker == null) {
                    return new Result(false, 0, null, reason, 0, null);
                }
                checker.fail(checker.lastSeq() + 1, reason);
                return checker.result();
            }
            if (checker == null) {
                checker = new Checker(link.seq(), link.prevHash());
            }
            if (!checker.accept(link)) {
                break;
            }
        }
        return checker == null ? new Result(true, 0, null, null, 0, GENESIS_HASH) : checker.result();
    }

    private static Link toLink(Map<String, Object> json) {
        return new Link(
                number(json, "seq"),
                optionalText(json, "jobId"),
                text(json, "kind"),
                text(json, "recordedAt"),
                optionalText(json, "payload"),
                text(json, "payloadSha256"),
                text(json, "prevHash"),
                text(json, "hash"));
    }

    private static long number(Map<String, Object> json, String key) {
        if (json.get(key) instanceof Long value) {
            return value;
        }
        throw new IllegalArgumentException("\"" + key + "\" must be an integer");
    }

    private static String text(Map<String, Object> json, String key) {
        if (json.get(key) instanceof String value) {
            return value;
        }
        throw new IllegalArgumentException("\"" + key + "\" must be a string");
    }

    private static String optionalText(Map<String, Object> json, String key) {
        return json.get(key) == null ? null : text(json, key);
    }

    /** The offline command: verifies the export named by the argument, or standard input. */
    public static void main(String[] args) {
        try (BufferedReader in = args.length > 0
                ? Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            Result result = verifyExport(in);
            if (result.valid()) {
                System.out.printf(
                        "valid: %d records, last seq %d, last hash %s%n",
                        result.records(), result.lastSeq(), result.lastHash());
                System.exit(0);
            }
            System.out.printf(
                    "BROKEN at seq %d: %s (%d records valid before it)%n",
                    result.brokenAt(), result.reason(), result.records());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("cannot read the export: " + e.getMessage());
            System.exit(2);
        }
    }

    /** A parser for the export's lines: one flat JSON object of strings, integers and nulls. */
    private static final class FlatJson {

        private final String text;
        private int at;

        FlatJson(String text) {
            this.text = text;
        }

        Map<String, Object> parse() {
            Map<String, Object> fields = new HashMap<>();
            expect('{');
            if (peek() != '}') {
                do {
                    String key = string();
                    expect(':');
                    if (fields.containsKey(key)) {
                        throw new IllegalArgumentException("duplicate key \"" + key + "\"");
                    }
                    fields.put(key, value());
                } while (consume(','));
            }
            expect('}');
            if (peek() != 0) {
                throw new IllegalArgumentException("unexpected text after the object at column " + (at + 1));
            }
            return fields;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            int start = at;
            if (c == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a string, an integer or null at column " + (start + 1));
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    break;
                }
                char escape = text.charAt(at++);
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw new IllegalArgumentException("truncated \\u escape at column " + at);
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape \\" + escape + " at column " + at);
                }
            }
            throw new IllegalArgumentException("unterminated string");
        }

        private char peek() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at < text.length() ? text.charAt(at) : 0;
        }

        private boolean consume(char c) {
            if (peek() == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (at + 1));
            }
        }
    }
}
