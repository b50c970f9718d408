package io.meshlift.coordinator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code coordinator.*} key. docs: coordinator/README.md. */
@ConfigMapping(prefix = "coordinator")
public interface CoordinatorConfig {

    /** Directory of the embedded H2 database ({@code meshlift.mv.db}); unused with PostgreSQL. */
    @WithDefault("./data")
    String dataDir();

    /** The audit ledger. */
    Audit audit();

    interface Audit {

        /** Ledger records read per query when the chain is verified or exported; bounds memory. */
        @WithDefault("1000")
        int pageSize();
    }
}
