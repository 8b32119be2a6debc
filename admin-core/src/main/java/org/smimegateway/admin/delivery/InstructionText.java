package org.smimegateway.admin.delivery;

/** The default text of the PKCS#12 mail; operators may replace it with a file of their own. */
public final class InstructionText {

    public static final String DEFAULT_SUBJECT = "Your S/MIME certificate for secure mail";

    private InstructionText() {
    }

    /** Fills {@code {address}}, {@code {file}} and {@code {from}} in a template. */
    public static String render(String template, String address, String fileName, String from) {
        return template.replace("{address}", address).replace("{file}", fileName).replace("{from}", from);
    }

    public static String defaultTemplate() {
        return """
            Hello,

            attached is your personal S/MIME certificate and private key for {address}
            in the file {file}. With it you can read the encrypted mail we send you and
            sign your own mail.

            The file is protected by a password that you receive separately (by SMS or
            from your contact person). It is not in this mail.

            To install it:
            - Outlook / Windows: double-click {file}, enter the password, keep the
              default store. Restart Outlook.
            - Thunderbird: Settings > Privacy & Security > Certificates > Manage
              Certificates > Your Certificates > Import.
            - Apple Mail (macOS): double-click {file} to add it to the login keychain.
            - iOS / Android: open the attachment and follow the installation prompts.

            This mail is signed by {from}. If you did not expect it, please delete it
            and tell us.
            """;
    }
}
