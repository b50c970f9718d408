/**
 * The names of every metric Meshlift exports, shared by the coordinator, the agent and the Grafana
 * dashboard's test, so that a dashboard query can never name a series no component registers.
 */
package io.meshlift.core.metrics;
