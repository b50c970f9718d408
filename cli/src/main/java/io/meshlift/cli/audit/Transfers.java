package io.meshlift.cli.audit;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;

/**
 * Picks the one transfer (dataset on one destination) a command works on: the one named with {@code
 * --transfer} (its id, or its destination {@code agent:volume:path}), or the job's only transfer.
 */
final class Transfers {

    private Transfers() {}

    /** @param transfers the {@code transfers} of the job's audit */
    static JsonNode pick(JsonNode transfers, String wanted, String jobId) {
        List<JsonNode> all = new ArrayList<>();
        transfers.forEach(all::add);
        if (wanted == null) {
            if (all.size() == 1) {
                return all.get(0);
            }
            throw new CliException(
                    ExitCodes.USAGE,
                    "job " + jobId + " has " + all.size() + " transfers; choose one with --transfer ID or"
                            + " --transfer AGENT:VOLUME:PATH:\n" + describe(all));
        }
        for (JsonNode transfer : all) {
            if (wanted.equalsIgnoreCase(transfer.path("transferId").asText())
                    || wanted.equals(transfer.path("destination").asText())) {
                return transfer;
            }
        }
        throw new CliException(
                ExitCodes.NOT_FOUND, "job " + jobId + " has no transfer " + wanted + "; it has:\n" + describe(all));
    }

    private static String describe(List<JsonNode> transfers) {
        StringBuilder text = new StringBuilder();
        for (JsonNode t : transfers) {
            text.append("  ")
                    .append(t.path("transferId").asText())
                    .append("  ")
                    .append(t.path("dataset").asText())
                    .append(" -> ")
                    .append(t.path("destination").asText())
                    .append('\n');
        }
        return text.toString().stripTrailing();
    }
}
