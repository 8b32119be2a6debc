package org.smimegateway.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One policy setting: its element name in the policy file, its type and its built-in default. A setting without a
 * default ({@link #LOCALITY}) is decided by the caller when no level sets it.
 *
 * @param <T> the value type
 */
public final class Setting<T> {
    public static final Setting<Locality> LOCALITY = new Setting<>("locality", Locality.class, null);
    public static final Setting<EncryptMode> ENCRYPT = new Setting<>("encrypt", EncryptMode.class, EncryptMode.ALLOW);
    public static final Setting<Boolean> SMIME = new Setting<>("smime", Boolean.class, Boolean.TRUE);
    public static final Setting<SignMode> SIGN = new Setting<>("sign", SignMode.class, SignMode.NEVER);
    public static final Setting<ContentEncryption> CONTENT_ENCRYPTION =
        new Setting<>("contentEncryption", ContentEncryption.class, ContentEncryption.AES256_CBC);
    // PKCS#1 v1.5 by default because every S/MIME client decrypts it; OAEP is opt-in per domain.
    public static final Setting<KeyTransport> KEY_TRANSPORT =
        new Setting<>("keyTransport", KeyTransport.class, KeyTransport.RSA_PKCS1);
    public static final Setting<SubjectTrigger> SUBJECT_TRIGGER =
        new Setting<>("subjectTrigger", SubjectTrigger.class, SubjectTrigger.of("\\[encrypt\\]"));

    /** RFC 9788 header protection on encrypted mail to the address (outer Subject "[...]"); off for old clients. */
    public static final Setting<Boolean> PROTECT_HEADERS = new Setting<>("protectHeaders", Boolean.class, Boolean.FALSE);
    /** The S/MIME version 2 names (application/x-pkcs7-mime) on encrypted mail to the address, for old clients. */
    public static final Setting<Boolean> LEGACY_CONTENT_TYPES =
        new Setting<>("legacyContentTypes", Boolean.class, Boolean.FALSE);

    public static final List<Setting<?>> ALL = List.of(LOCALITY, ENCRYPT, SMIME, SIGN, CONTENT_ENCRYPTION, KEY_TRANSPORT,
        SUBJECT_TRIGGER, PROTECT_HEADERS, LEGACY_CONTENT_TYPES);

    private final String key;
    private final Class<T> type;
    private final T builtIn;

    private Setting(String key, Class<T> type, T builtIn) {
        this.key = key;
        this.type = type;
        this.builtIn = builtIn;
    }

    /** The element name in the policy file. */
    public String key() {
        return key;
    }

    public Class<T> type() {
        return type;
    }

    public Optional<T> builtInDefault() {
        return Optional.ofNullable(builtIn);
    }

    T cast(Object value) {
        return type.cast(Objects.requireNonNull(value, key));
    }

    @Override
    public String toString() {
        return key;
    }
}
