package io.meshlift.core.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a migration plan from YAML (or JSON, which is YAML) and validates it, reporting every error it finds
 * with its line, column and field path.
 *
 * <p>Contract: never throws for bad input, whatever the input; returns a {@link PlanParseResult} with either a
 * valid plan or every error, in source order. Hostile input is bounded: documents over {@link
 * #MAX_DOCUMENT_BYTES} are refused before parsing, anchors and aliases are refused (no "billion laughs"), nesting
 * stops at {@link #MAX_NESTING_DEPTH}, and at most {@link #MAX_ERRORS} errors are listed. Stateless and
 * thread-safe.
 */
public final class PlanParser {

    /** Plans describe datasets, not files: 1 MiB is far more than any real plan needs. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /** A plan nests 7 collections deep at most; anything deeper is an attack or a mistake. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** After this many errors the rest are counted, not listed. */
    public static final int MAX_ERRORS = 200;

    private PlanParser() {}

    /** Parses and validates with {@link PlanValidator#offline()}: everything but whether agents exist. */
    public static PlanParseResult parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, PlanValidator.offline());
    }

    /**
     * Parses {@code yaml} and validates it with {@code validator}.
     *
     * @param sourceName how errors name the input, e.g. {@code plan.yaml} or {@code request body}
     * @throws NullPointerException if an argument is null
     */
    public static PlanParseResult parse(String yaml, String sourceName, PlanValidator validator) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(validator, "validator");
        ErrorSink errors = new ErrorSink(MAX_ERRORS);
        long bytes = utf8Length(yaml);
        if (bytes > MAX_DOCUMENT_BYTES) {
            errors.add(Position.START, "", tooLarge(bytes));
            return PlanParseResult.invalid(sourceName, errors.errors());
        }
        Optional<YamlNode> root = YamlReader.read(yaml, errors, MAX_NESTING_DEPTH);
        if (root.isEmpty()) {
            return PlanParseResult.invalid(sourceName, errors.errors());
        }
        PlanPositions positions = new PlanPositions();
        PlanBinder.Parts parts = PlanBinder.read(root.get(), new Binding(errors, positions));
        validator.validate(
                parts.datasets().stream().map(DatasetBinder.Result::endpoints).toList(), positions, errors);
        if (!errors.isEmpty()) {
            return PlanParseResult.invalid(sourceName, errors.errors());
        }
        // No error was reported, so by the binders' contract every part is present.
        List<DatasetSpec> datasets = new ArrayList<>();
        parts.datasets().forEach(d -> datasets.add(d.spec().orElseThrow()));
        MigrationPlan plan =
                new MigrationPlan(parts.metadata().orElseThrow(), parts.defaults(), parts.windows(), datasets);
        return PlanParseResult.valid(sourceName, plan);
    }

    /**
     * Reads a plan file (UTF-8) and parses it with {@code validator}; the file name is the source name. Reads at
     * most {@link #MAX_DOCUMENT_BYTES} + 1 bytes, so a huge file is refused without loading it.
     *
     * @throws IOException if the file cannot be read
     */
    public static PlanParseResult parse(Path file, PlanValidator validator) throws IOException {
        String sourceName = file.toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        }
        if (head.length > MAX_DOCUMENT_BYTES) {
            long size = Files.size(file);
            return PlanParseResult.invalid(sourceName, List.of(error(tooLarge(size))));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head))
                    .toString();
        } catch (CharacterCodingException e) {
            return PlanParseResult.invalid(
                    sourceName, List.of(error("the file is not UTF-8 text; save the plan as UTF-8")));
        }
        return parse(text, sourceName, validator);
    }

    private static PlanError error(String message) {
        return new PlanError(Position.START.line(), Position.START.column(), "", message);
    }

    private static String tooLarge(long bytes) {
        return "the plan is " + bytes + " bytes; plans over " + MAX_DOCUMENT_BYTES + " bytes (1 MiB) are refused."
                + " A plan lists datasets, not files: split it or use include/exclude patterns";
    }

    /** Counts without encoding, so that a huge string is measured without a second copy in memory. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
