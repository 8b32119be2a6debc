package org.smimegateway.it.harness;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless browser per test class on the console of the class's James: started at first use (after James is up),
 * its profile in James's root, closed after the class.
 */
public final class ConsoleBrowserExtension implements AfterAllCallback {
    private final JamesGatewayExtension james;
    private ConsoleBrowser browser;

    public ConsoleBrowserExtension(JamesGatewayExtension james) {
        this.james = james;
    }

    public ConsoleBrowser get() throws Exception {
        if (browser == null) {
            browser = ConsoleBrowser.start(james.gateway().root(), james.gateway().webAdminPort());
        }
        return browser;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
