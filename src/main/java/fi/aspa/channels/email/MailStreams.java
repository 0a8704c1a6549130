package fi.aspa.channels.email;

/**
 * Names Jakarta Mail's stream provider (the base64 and quoted-printable coders) once for the JVM. Without the
 * {@code jakarta.mail.util.StreamProvider} system property, Jakarta Mail 2.1 looks the provider up with a
 * {@link java.util.ServiceLoader} - a scan of every jar on the classpath - each time it encodes or decodes a part,
 * a header word or a message: a profile of email ingestion with acknowledgements found a fifth of all CPU time
 * there. A value set by the operator is kept.
 */
final class MailStreams {
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        if (System.getProperty(PROPERTY) == null) {
            try {
                Class.forName(ANGUS, false, MailStreams.class.getClassLoader());
                System.setProperty(PROPERTY, ANGUS);
            } catch (ClassNotFoundException e) {
                // another Jakarta Mail implementation: leave the lookup to it
            }
        }
    }

    private MailStreams() {}

    /** Makes sure the property is set (the class initializer runs once). */
    static void init() {
        // the static initializer did the work
    }
}
