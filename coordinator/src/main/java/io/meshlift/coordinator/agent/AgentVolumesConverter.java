package io.meshlift.coordinator.agent;

import java.util.List;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stores an agent's volumes as a JSON text column: portable between H2 and PostgreSQL, readable with
 * plain SQL, and a whole-list value (volumes are always replaced together at registration).
 */
@Converter
public class AgentVolumesConverter implements AttributeConverter<List<AgentVolume>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<AgentVolume>> VOLUMES = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<AgentVolume> volumes) {
        try {
            return JSON.writeValueAsString(volumes == null ? List.of() : volumes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent volumes cannot be written as JSON", e);
        }
    }

    @Override
    public List<AgentVolume> convertToEntityAttribute(String json) {
        try {
            return json == null || json.isBlank() ? List.of() : List.copyOf(JSON.readValue(json, VOLUMES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agents.volumes holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
