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
 * drop-in jar, served at {@code /smime-gateway-console}. The three files hold no data: the page calls the JSON routes
 * of {@link KeystoreRoutes}, {@link CaRoutes}, {@link MailRoutes}, {@link PolicyRoutes} and the others from the
 * browser, and those stay behind James's WebAdmin authentication. So the files are James {@link PublicRoutes},
 * outside every guarded base path: with {@code jwt.enabled=true} a browser can still load the page, and the operator
 * pastes an admin token into it, which the page sends as {@code Authorization: Bearer} on every data call. The old
 * address {@code /smime-gateway/console} redirects here (it is below the guarded {@code /smime-gateway}, so with JWT
 * on James answers it with 401 first).
 */
public final class ConsoleRoutes implements PublicRoutes {
    public static final String BASE_PATH = "/smime-gateway-console";
    /** Where the console was served before it became public; redirected to {@link #BASE_PATH}. */
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
        service.get(FORMER_PATH, (request, response) -> moved(response));
        service.get(FORMER_PATH + "/", (request, response) -> moved(response));
    }

    private static Object moved(Response response) {
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
