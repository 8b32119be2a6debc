package org.smimegateway.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Apache James's own {@code SMIMESign} mailet, driven with its {@code FakeMail} the way a James test drives it:
 * raw bytes parsed into a {@code MimeMessage}, wrapped in a mail from an SMTP-authenticated sender, serviced,
 * written out.
 *
 * <p>The mailet's module was last published to Maven Central as {@code apache-mailet-crypto} 3.0.0 (mailet API 3.0,
 * Bouncy Castle 1.52); 3.8.1 ships the same signing path but not as an artifact. The build copies those jars to
 * {@code target/james-smimesign}; they are loaded here in a class loader whose parent is the platform loader, so
 * neither their mailet API nor their Bouncy Castle can meet ours. Only byte arrays cross the boundary.
 */
final class JamesSmimeSign {
    private static final String AUTH_USER = "org.apache.james.SMTPAuthUser";

    private final ClassLoader loader;
    private final Object session;
    private final Object mailet;
    private final Method service;
    private final Method mailBuilder;
    private final Class<?> mailAddress;
    private final Class<?> mimeMessage;
    private final Class<?> javaxSession;
    private final String senderAddress;

    JamesSmimeSign(BenchmarkPki.Party sender, Path workDir) {
        try {
            loader = new URLClassLoader(jars(), ClassLoader.getPlatformClassLoader());
            Path keystore = keystore(sender, workDir.resolve("james-smimesign.p12"), "benchmark");
            javaxSession = loader.loadClass("javax.mail.Session");
            mimeMessage = loader.loadClass("javax.mail.internet.MimeMessage");
            mailAddress = loader.loadClass("org.apache.mailet.MailAddress");
            session = javaxSession.getMethod("getInstance", Properties.class).invoke(null, new Properties());
            senderAddress = sender.address();

            Class<?> configClass = loader.loadClass("org.apache.mailet.base.test.FakeMailetConfig");
            Object config = configClass.getMethod("builder").invoke(null);
            Class<?> builderClass = config.getClass();
            Method property = builderClass.getMethod("setProperty", String.class, String.class);
            property.invoke(config, "keyStoreFileName", keystore.toString());
            property.invoke(config, "keyStorePassword", "benchmark");
            property.invoke(config, "keyStoreType", "PKCS12");
            property.invoke(config, "keyAlias", "sender");
            builderClass.getMethod("mailetName", String.class).invoke(config, "SMIMESign");
            Object mailetConfig = builderClass.getMethod("build").invoke(config);

            Class<?> mailetClass = loader.loadClass("org.apache.james.transport.mailets.SMIMESign");
            mailet = mailetClass.getConstructor().newInstance();
            injectUsersRepository(mailetClass);
            loader.loadClass("org.apache.mailet.Mailet").getMethod("init", loader.loadClass("org.apache.mailet.MailetConfig"))
                .invoke(mailet, mailetConfig);
            service = loader.loadClass("org.apache.mailet.Mailet").getMethod("service", loader.loadClass("org.apache.mailet.Mail"));
            mailBuilder = loader.loadClass("org.apache.mailet.base.test.FakeMail").getMethod("builder");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("James SMIMESign peer cannot be set up: " + rootCause(e), e);
        }
    }

    /** Signs one message; fails if the mailet declined to sign it (it logs and leaves the mail unchanged then). */
    byte[] sign(byte[] raw) throws Exception {
        return sign(raw, Output.fresh()).toBytes();
    }

    /** Signs one message into {@code out}. */
    Output sign(byte[] raw, Output out) throws Exception {
        // JavaMail and JAF find their handlers through the context class loader: it must be the peer's.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Object message = mimeMessage.getConstructor(javaxSession, InputStream.class)
                .newInstance(session, new ByteArrayInputStream(raw));
            Object builder = mailBuilder.invoke(null);
            Class<?> b = builder.getClass();
            Object sender = mailAddress.getConstructor(String.class).newInstance(senderAddress);
            b.getMethod("mimeMessage", mimeMessage).invoke(builder, message);
            b.getMethod("sender", mailAddress).invoke(builder, sender);
            b.getMethod("recipient", mailAddress).invoke(builder, mailAddress.getConstructor(String.class).newInstance("recipient0@remote.test"));
            b.getMethod("attribute", String.class, java.io.Serializable.class).invoke(builder, AUTH_USER, senderAddress);
            Object mail = b.getMethod("build").invoke(builder);
            service.invoke(mailet, mail);
            Object signed = mail.getClass().getMethod("getMessage").invoke(mail);
            String type = (String) mimeMessage.getMethod("getContentType").invoke(signed);
            if (!type.startsWith("multipart/signed")) {
                throw new IllegalStateException("James SMIMESign did not sign the message (Content-Type " + type + ")");
            }
            mimeMessage.getMethod("writeTo", OutputStream.class).invoke(signed, out);
            return out;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The mailet maps the reverse path to a user name through an injected UsersRepository: virtual hosting on. */
    private void injectUsersRepository(Class<?> mailetClass) throws ReflectiveOperationException {
        Class<?> repository = loader.loadClass("org.apache.james.user.api.UsersRepository");
        Object users = Proxy.newProxyInstance(loader, new Class<?>[] {repository}, (proxy, method, args) -> {
            if (method.getName().equals("supportVirtualHosting")) {
                return true;
            }
            throw new UnsupportedOperationException(method.getName());
        });
        for (Class<?> c = mailetClass; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == repository) {
                    field.setAccessible(true);
                    field.set(mailet, users);
                    return;
                }
            }
        }
        throw new IllegalStateException("James SMIMESign has no UsersRepository field to inject");
    }

    private static Path keystore(BenchmarkPki.Party sender, Path file, String password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("sender", sender.keys().getPrivate(), password.toCharArray(),
                new Certificate[] {sender.certificate()});
            store.store(out, password.toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL[] jars() {
        Properties properties = new Properties();
        try (InputStream in = JamesSmimeSign.class.getResourceAsStream("/james-smimesign.properties")) {
            if (in == null) {
                throw new IllegalStateException("james-smimesign.properties missing: build the benchmarks module with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir = Path.of(properties.getProperty("dir"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().map(JamesSmimeSign::url).toArray(URL[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException("James SMIMESign jars not found in " + dir + ": run mvn -pl benchmarks package", e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }
}
