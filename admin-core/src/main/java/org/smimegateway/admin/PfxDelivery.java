package org.smimegateway.admin;

import java.util.Objects;
import java.util.Optional;
import org.smimegateway.admin.delivery.ClearSigner;
import org.smimegateway.admin.delivery.InstructionText;
import org.smimegateway.admin.delivery.MailOutcome;
import org.smimegateway.admin.delivery.MessageAssembler;
import org.smimegateway.admin.delivery.PfxMail;
import org.smimegateway.admin.delivery.PfxMailComposer;
import org.smimegateway.admin.delivery.MailSubmitter;
import org.smimegateway.admin.sms.ChannelOutcome;
import org.smimegateway.admin.sms.PasswordChannel;
import org.smimegateway.admin.sms.PasswordNotice;

/**
 * Sends a PKCS#12 file by signed mail and its password by the other channel. The password goes out only after the
 * mail was accepted, so nobody holds a password for a file that never left.
 */
public final class PfxDelivery {

    /** How the mail is made: sender, subject, instruction template, and the key that signs it. */
    public record MailSettings(String from, String subject, String instructionTemplate) {
        public MailSettings {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(instructionTemplate, "instructionTemplate");
        }
    }

    /** What happened on both channels; the password outcome is empty when the mail failed. */
    public record Result(MailOutcome mail, Optional<ChannelOutcome> password) {
        public Result {
            Objects.requireNonNull(mail, "mail");
            Objects.requireNonNull(password, "password");
        }
    }

    private final MailSettings settings;
    private final ClearSigner signer;
    private final MessageAssembler assembler;
    private final MailSubmitter mailer;
    private final PasswordChannel passwordChannel;

    public PfxDelivery(MailSettings settings, ClearSigner signer, MessageAssembler assembler, MailSubmitter mailer,
                       PasswordChannel passwordChannel) {
        this.settings = settings;
        this.signer = signer;
        this.assembler = assembler;
        this.mailer = mailer;
        this.passwordChannel = passwordChannel;
    }

    public Result deliver(String address, String fileName, byte[] pkcs12, char[] password, Optional<String> phone) {
        String text = InstructionText.render(settings.instructionTemplate(), address, fileName, settings.from());
        PfxMail mail = new PfxMail(settings.from(), address, settings.subject(), text, pkcs12, fileName);
        byte[] signedEntity = signer.sign(new PfxMailComposer().entity(mail));
        MessageAssembler.Assembled message = assembler.assemble(mail.from(), mail.to(), mail.subject(), signedEntity);
        MailOutcome outcome = mailer.send(mail.from(), mail.to(), message);
        if (!(outcome instanceof MailOutcome.Sent)) {
            return new Result(outcome, Optional.empty());
        }
        return new Result(outcome, Optional.of(passwordChannel.send(new PasswordNotice(address, phone, password))));
    }
}
