/**
 * Base types of the coordinator's domain exceptions, one per kind of answer a client gets. They import
 * neither JAX-RS nor gRPC: the REST layer maps them in {@code api.ProblemMapper}, the control channel
 * will map them to gRPC statuses in one place of its own.
 */
package io.meshlift.coordinator.error;
