package io.meshlift.coordinator.audit;

import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
public class FileRecordRepository implements PanacheRepository<FileRecord> {

    public Optional<FileRecord> find(UUID transferId, String path, int pass) {
        return find("transferId = ?1 and path = ?2 and pass = ?3", transferId, path, pass)
                .firstResultOptional();
    }
}
