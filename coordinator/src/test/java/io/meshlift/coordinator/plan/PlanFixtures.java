package io.meshlift.coordinator.plan;

/** Plan files for REST tests; agents named here must be registered first (plans name registered agents only). */
public final class PlanFixtures {

    private PlanFixtures() {}

    /** REST Assured has no encoder for YAML media types: send the text as UTF-8 bytes. */
    public static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One dataset from {@code source} to {@code destinations}, with one retry. */
    public static String plan(String name, String source, String... destinations) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: meshlift/v1
                kind: MigrationPlan
                metadata: { name: %s }
                spec:
                  defaults: { verify: full, chunkSize: 1MiB, bandwidthLimit: 100MiB/s, retries: 1 }
                  datasets:
                    - name: billing-backups
                      source: { agent: %s, volume: data, path: backups/billing }
                      destinations:
                """.formatted(name, source));
        for (String destination : destinations) {
            yaml.append("        - { agent: ").append(destination).append(", volume: data, path: backups/billing }\n");
        }
        yaml.append("      exclude: [\"*.tmp\"]\n");
        return yaml.toString();
    }
}
