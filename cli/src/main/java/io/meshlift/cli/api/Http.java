package io.meshlift.cli.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import io.meshlift.cli.CliException;
import io.meshlift.cli.ExitCodes;

/**
 * One HTTP client for the coordinator and Keycloak. Transport failures become {@link ExitCodes#UNREACHABLE}
 * with the address that could not be reached, so that a script can tell "down" from "refused".
 */
public final class Http {

    /** Connecting takes long only when something is wrong; fail fast and say so. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** For one request and its whole answer, except streams (events, exports) which have none. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {}

    public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request, handler);
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw unreachable(request.uri(), e);
        } catch (HttpTimeoutException e) {
            throw new CliException(
                    ExitCodes.UNREACHABLE, "no answer from " + origin(request.uri()) + " within the timeout", e);
        } catch (IOException e) {
            throw unreachable(request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "interrupted while waiting for " + origin(request.uri()), e);
        }
    }

    private static CliException unreachable(URI uri, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(ExitCodes.UNREACHABLE, "cannot reach " + origin(uri) + ": " + reason, e);
    }

    /** Scheme, host and port only: the rest of a URL may carry identifiers not worth repeating. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
