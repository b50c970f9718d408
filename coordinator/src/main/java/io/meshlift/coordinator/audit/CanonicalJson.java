package io.meshlift.coordinator.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one text form of a JSON value that the ledger hashes: object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as RFC 8785 (JCS) prescribes. Ledger payloads carry integers, never
 * floating point, so the number rules of JCS reduce to plain decimal integers and floats are refused
 * rather than rounded differently by different tools.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /**
     * @throws IllegalArgumentException on floating-point numbers, binary or POJO nodes, or unpaired
     *     surrogates, naming the JSON path
     */
    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, "$", out);
        return out.toString();
    }

    private static void write(JsonNode node, String path, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, path, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), path + "[" + i + "]", out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), path, out);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException(
                            path + ": ledger payloads carry integers only, got " + node.numberType());
                }
                out.append(node.bigIntegerValue());
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException(path + ": not a JSON value: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, String path, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        // String.compareTo orders by UTF-16 code units, exactly the key order of RFC 8785.
        fields.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String key = fields.get(i).getKey();
            writeString(key, path, out);
            out.append(':');
            write(fields.get(i).getValue(), path + "." + key, out);
        }
        out.append('}');
    }

    private static void writeString(String value, String path, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException(path + ": string holds an unpaired surrogate at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
