package io.meshlift.coordinator.dashboard;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.RedirectConfig;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The dashboard's files are open and carry the security headers; its config.json says plainly when the
 * identity provider cannot be reached (the test profile's realm URL points at a closed port); the API
 * next to it still refuses callers without a token. Sign-in itself is tested with a real Keycloak and a
 * real browser in integration-tests (DashboardIT).
 */
@QuarkusTest
class DashboardRoutesTest {

    @Test
    void servesThePageWithoutATokenUnderAStrictContentSecurityPolicy() {
        given().when()
                .get("/dashboard/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("src=\"js/main.js\""))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self' http://127.0.0.1:9;"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe")))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    @Test
    void servesTheScriptsAsJavaScriptWithTheSameHeaders() {
        for (String script :
                new String[] {"js/main.js", "js/auth.js", "js/api.js", "js/chart.js", "js/views/audit.js"}) {
            given().when()
                    .get("/dashboard/" + script)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("javascript"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
    }

    @Test
    void redirectsTheBarePathToTheDashboard() {
        given().config(RestAssured.config()
                        .redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                .when()
                .get("/dashboard")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/dashboard/"));
    }

    @Test
    void configAnswers503ProblemWhenTheRealmCannotBeReached() {
        given().when()
                .get("/dashboard/config.json")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:meshlift:problem:identity-provider-unavailable"))
                .body("instance", equalTo("/dashboard/config.json"));
    }

    @Test
    void theApiBesideItStillRefusesCallsWithoutAToken() {
        for (String path : new String[] {"/api/v1/jobs", "/api/v1/agents", "/api/v1/audit/ledger/verify"}) {
            given().when().get(path).then().statusCode(401);
        }
    }
}
