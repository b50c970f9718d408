package io.meshlift.coordinator.audit;

/** Where an appended record landed in the chain. */
public record LedgerEntry(long seq, String hash) {}
