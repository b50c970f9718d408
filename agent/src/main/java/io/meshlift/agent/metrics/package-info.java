/**
 * Prometheus metrics of the agent, served on the loopback management port (ADR 0008). The pull engine
 * reports through {@link io.meshlift.agent.transfer.TransferMetrics}; only this package knows Micrometer.
 */
package io.meshlift.agent.metrics;
