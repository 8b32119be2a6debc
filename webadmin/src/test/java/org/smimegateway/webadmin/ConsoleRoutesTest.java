package org.smimegateway.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import spark.Service;

/**
 * The console's files on a real Spark service: only the three files of the jar, with their types and the headers
 * that keep the page to its own origin; anything else is James's JSON 404. The page and script load nothing from
 * elsewhere, have no inline script (the Content-Security-Policy forbids it) and never insert server text as HTML.
 */
class ConsoleRoutesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Service service;
    private static String base;

    @BeforeAll
    static void start() {
        service = Service.ignite().ipAddress("127.0.0.1").port(0);
        new ConsoleRoutes().define(service);
        service.awaitInitialization();
        base = "http://127.0.0.1:" + service.port();
    }

    @AfterAll
    static void stop() {
        service.stop();
        service.awaitStop();
    }

    @Test
    void servesThePageAndItsAssetsWithTheirTypesAndASameOriginPolicy() throws Exception {
        for (String[] asset : new String[][] {{"", "text/html"}, {"/", "text/html"}, {"/index.html", "text/html"},
            {"/console.js", "text/javascript"}, {"/console.css", "text/css"}}) {
            HttpResponse<String> answer = get(ConsoleRoutes.BASE_PATH + asset[0]);
            assertThat(answer.statusCode()).as(asset[0]).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith(asset[1]);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void anyOtherNameIsAJsonNotFound() throws Exception {
        for (String name : new String[] {"/admin.properties", "/..%2Fconf%2Fadmin.properties", "/Console.js"}) {
            HttpResponse<String> answer = get(ConsoleRoutes.BASE_PATH + name);
            assertThat(answer.statusCode()).as(name).isEqualTo(404);
            assertThat(answer.body()).as(name).startsWith("{").contains("\"message\"");
        }
    }

    @Test
    void aPathClimbingAboveTheRootIsRefusedBeforeAnyRoute() throws Exception {
        // Jetty refuses it as a bad request; either way no file is read.
        HttpResponse<String> answer = get(ConsoleRoutes.BASE_PATH + "/..%2F..%2Fconf%2Fadmin.properties");
        assertThat(answer.statusCode()).isIn(400, 404);
        assertThat(answer.body()).doesNotContain("ca.", "store=");
    }

    @Test
    void thePageLoadsNothingFromElsewhereAndHasNoInlineScript() throws Exception {
        String page = get(ConsoleRoutes.BASE_PATH).body();
        assertThat(page).doesNotContain("http://", "https://", "//cdn", " onclick=", " onsubmit=", "javascript:");
        assertThat(page.split("<script", -1)).hasSize(2);
        assertThat(page).contains("<script src=\"/smime-gateway-console/console.js\" defer></script>");
        String script = get(ConsoleRoutes.BASE_PATH + "/console.js").body();
        assertThat(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
            "http://", "https://", "localStorage");
        assertThat(script).contains("sessionStorage").contains("'Authorization'");
    }

    @Test
    void theFormerAddressRedirectsToThePage() throws Exception {
        for (String former : new String[] {"/smime-gateway/console", "/smime-gateway/console/console.js"}) {
            HttpResponse<String> answer = get(former);
            assertThat(answer.statusCode()).as(former).isEqualTo(301);
            assertThat(answer.headers().firstValue("Location")).as(former).hasValue(ConsoleRoutes.BASE_PATH);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
