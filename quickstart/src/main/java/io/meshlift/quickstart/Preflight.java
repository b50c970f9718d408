package io.meshlift.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Checks what would otherwise fail minutes later with a less obvious message: Java, runners, ports, disk. */
final class Preflight {

    static final int MIN_JAVA = 17;
    /** Keycloak unpacked (~250 MiB), sample data and its three copies (~200 MiB), databases and logs. */
    static final long MIN_FREE_BYTES = 1024L * 1024 * 1024;

    private Preflight() {}

    static void check(Console console, QuickstartSettings settings, Path workParent) {
        int java = Runtime.version().feature();
        if (java < MIN_JAVA) {
            throw new QuickstartException("Java " + MIN_JAVA + " or newer is required; this is Java " + java + " ("
                    + System.getProperty("java.home") + ")");
        }
        console.detail("Java %s (%s)", Runtime.version(), System.getProperty("java.home"));

        for (Path runner : List.of(settings.agentRunner(), settings.coordinatorRunner(), settings.keycloakZip())) {
            if (!Files.isRegularFile(runner)) {
                throw new QuickstartException(runner + " is missing; build first: mvn -q package -DskipTests -pl"
                        + " quickstart -am (bin/quickstart does)");
            }
        }
        console.detail("agent, coordinator and Keycloak %s distribution present", settings.keycloakVersion());

        for (Map.Entry<Integer, String> port :
                settings.ports().purposes(QuickstartSettings.AGENTS).entrySet()) {
            requireFree(port.getKey(), port.getValue());
        }
        console.detail(
                "ports %d-%d on 127.0.0.1 are free",
                settings.ports().base(), settings.ports().agentHttp(QuickstartSettings.AGENTS.size() - 1));

        try {
            long free = Files.getFileStore(workParent).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                throw new QuickstartException(String.format(
                        "only %d MiB free under %s; the quickstart needs %d MiB",
                        free >> 20, workParent, MIN_FREE_BYTES >> 20));
            }
            console.detail("%d MiB free under %s", free >> 20, workParent);
        } catch (IOException e) {
            throw new QuickstartException("cannot tell the free space under " + workParent + ": " + e.getMessage(), e);
        }
    }

    private static void requireFree(int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new QuickstartException("port " + port + " on 127.0.0.1 (" + purpose + ") is already in use;"
                    + " stop what holds it (e.g. `ss -ltnp 'sport = :" + port + "'`) or move every port with"
                    + " --base-port N (the quickstart uses N to N+" + Ports.SPAN + ")");
        }
    }
}
