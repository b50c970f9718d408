package io.meshlift.coordinator.agent;

/**
 * A volume an agent exposes, as it reported at registration.
 *
 * @param name the volume name plans use ({@code agent : volume : path})
 * @param freeBytes free space in bytes when last reported
 * @param totalBytes capacity in bytes
 */
public record AgentVolume(String name, long freeBytes, long totalBytes) {}
