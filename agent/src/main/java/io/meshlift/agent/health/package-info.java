/** Readiness checks of the agent, served at {@code /q/health/ready} on the loopback admin port. */
package io.meshlift.agent.health;
