package fi.aspa.cases;

/** A file that came with a message, before it is checked and stored. */
public record NewAttachment(String filename, byte[] content) {
    /** The longest file name stored; longer names keep their end (the extension). */
    public static final int MAX_NAME = 200;

    /**
     * The name a file is stored and offered under: the last path segment, control and reserved characters replaced,
     * at most {@code maxLength} characters (at most {@link #MAX_NAME}), never empty.
     */
    public static String safeName(String filename, int maxLength) {
        int max = Math.clamp(maxLength, 1, MAX_NAME);
        String name = filename == null ? "" : filename;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"<>:|?*]", "_").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) name = "attachment";
        return name.length() > max ? name.substring(name.length() - max) : name;
    }

    @Override
    public String toString() {
        return "NewAttachment[" + filename + ", " + (content == null ? 0 : content.length) + " bytes]";
    }
}
