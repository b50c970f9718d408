package io.meshlift.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads YAML files and strings holding one or more documents ({@code ---}) into object trees. */
final class ManifestReader {

    private static final YAMLMapper YAML = new YAMLMapper();

    private ManifestReader() {}

    static List<Manifest> readFile(Path file, String origin) {
        try {
            return read(Files.readString(file), origin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every non-empty document of {@code yaml}; a document that is not a mapping is an error. */
    static List<Manifest> read(String yaml, String origin) {
        List<Manifest> manifests = new ArrayList<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                if (!(document instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(origin + ": a document is not a mapping: " + document);
                }
                manifests.add(new Manifest(origin, object));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(origin + ": not valid YAML", e);
        }
        return manifests;
    }

    static ObjectNode readObject(Path file) {
        List<Manifest> documents = readFile(file, file.toString());
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0).tree();
    }
}
