package org.smimegateway.webadmin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.james.webadmin.PublicRoutes;
import org.apache.james.webadmin.utils.ErrorResponder;

import spark.Response;
import spark.Service;

/**
 * The web console (webadmin/README.md, "Console"): one HTML page with its script and style sheet, all inside the
 * drop-in jar, served at {@code /smime-gateway-console}. The three files hold no data, so they are James
 * {@link PublicRoutes}: a browser can load the page even with {@code jwt.enabled=true}, where it cannot send a token
 * on an address-bar visit. James guards a private route class's base path and {@code base/*} (Spark matches whole
 * path segments), so {@code /smime-gateway-console} lies outside {@code /smime-gateway/*}. The page calls the
 * guarded JSON routes of {@link KeystoreRoutes}, {@link CaRoutes}, {@link MailRoutes} and {@link PolicyRoutes} with
 * the operator's token. The former address {@code /smime-gateway/console} redirects here (it is below the guarded
 * {@code /smime-gateway}, so with a JWT on it answers 401 like every route there).
 */
public final class ConsoleRoutes implements PublicRoutes {
    public static final String BASE_PATH = "/smime-gateway-console";
    /** Where the console was served before it became public; kept as a redirect for bookmarks. */
    static final String FORMER_PATH = "/smime-gateway/console";
    private static final String FOLDER = "/org/smimegateway/webadmin/console/";
    /** Only these files are served; no path from the request ever reaches the class path lookup. */
    private static final Map<String, String> ASSETS = Map.of(
        "index.html", "text/html; charset=utf-8",
        "console.js", "text/javascript; charset=utf-8",
        "console.css", "text/css; charset=utf-8");
    /** Scripts and styles from this page's own origin only: no inline script, nothing from elsewhere. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, byte[]> contents;

    public ConsoleRoutes() {
        this.contents = Map.of(
            "index.html", load("index.html"),
            "console.js", load("console.js"),
            "console.css", load("console.css"));
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, (request, response) -> serve(response, "index.html"));
        service.get(BASE_PATH + "/", (request, response) -> serve(response, "index.html"));
        service.get(BASE_PATH + "/:asset", (request, response) -> serve(response, request.params(":asset")));
        service.get(FORMER_PATH, (request, response) -> redirect(response));
        service.get(FORMER_PATH + "/*", (request, response) -> redirect(response));
    }

    /** Always to the page itself: nothing from the request goes into the Location header. */
    private static Object redirect(Response response) {
        response.header("Cache-Control", "no-store");
        response.redirect(BASE_PATH, 301);
        return "";
    }

    private Object serve(Response response, String asset) {
        String type = ASSETS.get(asset);
        if (type == null) {
            throw ErrorResponder.builder().statusCode(404).type(ErrorResponder.ErrorType.NOT_FOUND)
                .message("console: no file '" + asset + "' (index.html, console.js, console.css)").haltError();
        }
        response.type(type);
        response.header("Cache-Control", "no-store");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("Referrer-Policy", "no-referrer");
        return contents.get(asset);
    }

    private static byte[] load(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the jar: " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console asset " + FOLDER + name, e);
        }
    }
}
