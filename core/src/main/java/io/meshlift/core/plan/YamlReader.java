package io.meshlift.core.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Turns plan text into a {@link YamlNode} tree, refusing what a plan never needs and an attacker would use.
 *
 * <p>It consumes the parser's event stream with an explicit stack (no recursion, so deep nesting cannot
 * overflow the thread stack) and:
 *
 * <ul>
 *   <li>refuses anchors and aliases: a plan is read by people and audited, so every value is written out where
 *       it applies; and without aliases, "billion laughs" expansion is impossible;
 *   <li>refuses explicit tags, so no value is reinterpreted behind the reader's back;
 *   <li>stops reading at the first collection nested deeper than {@code maxDepth} (a plan needs 7): the
 *       scanner's work for block nesting written on one line ({@code - - - - x}, {@code ? ? ? x}) grows with the
 *       square of the depth, so it must not be asked for more;
 *   <li>accepts exactly one document.
 * </ul>
 *
 * Anchors, aliases and tags are reported at the node and reading goes on, so that all of them are reported. A
 * syntax error or excessive nesting ends reading, because nothing after it can be trusted (or afforded).
 */
final class YamlReader {

    private final ErrorSink errors;
    private final int maxDepth;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private YamlNode root;

    private YamlReader(ErrorSink errors, int maxDepth) {
        this.errors = errors;
        this.maxDepth = maxDepth;
    }

    /**
     * Reads the single document of {@code text}.
     *
     * @return the root node, or empty if the text is empty or not YAML (the reason is in {@code errors})
     */
    static Optional<YamlNode> read(String text, ErrorSink errors, int maxDepth) {
        return new YamlReader(errors, maxDepth).run(text);
    }

    private Optional<YamlNode> run(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setCodePointLimit(Math.max(text.length(), 1))
                .setParseComments(false)
                .setUseMarks(true)
                .build();
        Parser parser = new ParserImpl(settings, new StreamReader(settings, text));
        int documents = 0;
        try {
            while (parser.hasNext()) {
                Event event = parser.next();
                switch (event.getEventId()) {
                    case DocumentStart -> {
                        if (++documents > 1) {
                            errors.add(
                                    position(event),
                                    "",
                                    "a plan file holds exactly one YAML document, but a"
                                            + " second one starts here; put each plan in its own file");
                            return Optional.ofNullable(root);
                        }
                    }
                    case Scalar -> onScalar((ScalarEvent) event);
                    case Alias -> onAlias((AliasEvent) event);
                    case MappingStart, SequenceStart -> onCollectionStart((CollectionStartEvent) event);
                    case MappingEnd, SequenceEnd -> onCollectionEnd();
                    default -> {
                        // stream start/end, document end, comments: nothing to keep
                    }
                }
            }
        } catch (TooDeep e) {
            return Optional.empty();
        } catch (MarkedYamlEngineException e) {
            errors.add(e.getProblemMark().map(YamlReader::position).orElse(Position.START), "", syntaxMessage(e));
            return Optional.empty();
        } catch (ReaderException e) {
            errors.add(
                    positionOfCodePoint(text, e.getPosition()),
                    "",
                    String.format(
                            "the plan contains the character U+%04X, which YAML does not allow in a document; write it as an"
                                    + " escape in a double-quoted string if it is really meant",
                            e.getCodePoint()));
            return Optional.empty();
        } catch (YamlEngineException e) {
            errors.add(Position.START, "", "not a readable YAML document: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null) {
            errors.add(
                    Position.START, "", "the plan is empty; expected a map with apiVersion, kind, metadata and spec");
        }
        return Optional.ofNullable(root);
    }

    private void onScalar(ScalarEvent event) {
        refuseAnchorAndTag(event, event.getTag());
        add(new YamlNode.Scalar(event.getValue(), event.isPlain(), position(event)));
    }

    private void onAlias(AliasEvent event) {
        errors.add(
                position(event),
                currentPath(),
                "aliases (*" + PlanText.escape(event.getAlias().getValue(), 64)
                        + ") are not supported in plans; write the value out where it is used");
        add(new YamlNode.Rejected(position(event)));
    }

    private void onCollectionStart(CollectionStartEvent event) {
        if (stack.size() >= maxDepth) {
            errors.add(
                    position(event),
                    currentPath(),
                    "nested more than " + maxDepth + " levels deep; a plan needs"
                            + " far fewer, so the document is not read further");
            throw new TooDeep();
        }
        refuseAnchorAndTag(event, event.getTag());
        stack.push(new Frame(event.getEventId() == Event.ID.MappingStart, position(event)));
    }

    private void onCollectionEnd() {
        add(stack.pop().build());
    }

    private void add(YamlNode node) {
        if (stack.isEmpty()) {
            root = node;
        } else {
            stack.peek().items.add(node);
        }
    }

    private void refuseAnchorAndTag(NodeEvent event, Optional<String> tag) {
        event.getAnchor()
                .ifPresent(anchor -> errors.add(
                        position(event),
                        currentPath(),
                        "anchors (&"
                                + PlanText.escape(anchor.getValue(), 64)
                                + ") are not supported in plans; write the value out where it is used"));
        tag.ifPresent(t -> errors.add(
                position(event),
                currentPath(),
                "tags such as "
                        + PlanText.quote(t) + " are not supported in plans; remove the tag (quote a value to keep it a"
                        + " string)"));
    }

    /** The field path of the node about to be added, for errors raised before the binder sees the tree. */
    private String currentPath() {
        StringBuilder path = new StringBuilder();
        List<Frame> outermostFirst = new ArrayList<>(stack);
        Collections.reverse(outermostFirst);
        for (Frame frame : outermostFirst) {
            int size = frame.items.size();
            if (!frame.mapping) {
                path.append('[').append(size).append(']');
            } else if (size % 2 == 1 && frame.items.get(size - 1) instanceof YamlNode.Scalar key) {
                FieldPath.appendKey(path, key.value());
            }
        }
        return path.toString();
    }

    private static String syntaxMessage(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
        StringBuilder message = new StringBuilder("not valid YAML: ").append(problem);
        if (e.getContext() != null) {
            message.append(" (").append(e.getContext());
            e.getContextMark()
                    .ifPresent(m -> message.append(" at line ")
                            .append(m.getLine() + 1)
                            .append(", column ")
                            .append(m.getColumn() + 1));
            message.append(')');
        }
        return message.toString();
    }

    private static Position position(Event event) {
        return event.getStartMark().map(YamlReader::position).orElse(Position.START);
    }

    private static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** The reader reports a code point offset; turn it into the line and column an editor shows. */
    private static Position positionOfCodePoint(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; i += Character.charCount(text.codePointAt(i))) {
            seen++;
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(line, column);
    }

    /** Unwinds the event loop once the depth error is recorded; carries nothing, so it skips the stack trace. */
    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }

    /** A collection being built; a mapping's items alternate key, value. */
    private static final class Frame {
        final boolean mapping;
        final Position position;
        final List<YamlNode> items = new ArrayList<>();

        Frame(boolean mapping, Position position) {
            this.mapping = mapping;
            this.position = position;
        }

        YamlNode build() {
            if (!mapping) {
                return new YamlNode.Sequence(List.copyOf(items), position);
            }
            List<YamlNode.Entry> entries = new ArrayList<>(items.size() / 2);
            for (int i = 0; i + 1 < items.size(); i += 2) {
                entries.add(new YamlNode.Entry(items.get(i), items.get(i + 1)));
            }
            return new YamlNode.Mapping(List.copyOf(entries), position);
        }
    }
}
