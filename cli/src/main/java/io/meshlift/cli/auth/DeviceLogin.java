package io.meshlift.cli.auth;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;

/**
 * The device authorization grant (RFC 8628) as a person sees it: a URL and a code to enter there from any
 * browser, while this command polls Keycloak at the interval it asks for, slower when told to.
 */
final class DeviceLogin {

    private final OidcClient oidc;
    private final String clientId;
    private final PrintWriter out;
    private final Optional<Duration> timeout;

    DeviceLogin(OidcClient oidc, String clientId, PrintWriter out, Optional<Duration> timeout) {
        this.oidc = oidc;
        this.clientId = clientId;
        this.out = out;
        this.timeout = timeout;
    }

    TokenResponse run() throws InterruptedException {
        OidcClient.DeviceAuthorization authorization = oidc.startDeviceAuthorization(clientId);
        out.println("To log in, open " + authorization.verificationUri());
        out.println("and enter the code " + authorization.userCode());
        if (!authorization.verificationUriComplete().isEmpty()) {
            out.println("(or open " + authorization.verificationUriComplete() + ")");
        }
        out.println("Waiting for the login to complete...");
        out.flush();

        Duration limit = timeout.orElse(Duration.ofSeconds(authorization.expiresIn()));
        long deadline = System.nanoTime() + limit.toNanos();
        long intervalMillis = authorization.interval() * 1000;
        while (true) {
            if (System.nanoTime() + intervalMillis * 1_000_000 > deadline) {
                throw new CliException(
                        ExitCodes.AUTH, "the login was not completed within " + limit.toSeconds() + " s");
            }
            Thread.sleep(intervalMillis);
            OidcClient.DevicePoll poll = oidc.pollDeviceToken(clientId, authorization.deviceCode());
            if (poll instanceof OidcClient.DevicePoll.Granted granted) {
                return granted.tokens();
            }
            if (((OidcClient.DevicePoll.Pending) poll).slowDown()) {
                // RFC 8628 section 3.5: add 5 seconds to the interval on every slow_down.
                intervalMillis += 5000;
            }
        }
    }
}
