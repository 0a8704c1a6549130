package fi.aspa.cases;

/** A file that came with a message, before it is checked and stored. */
public record NewAttachment(String filename, byte[] content) {

    @Override
    public String toString() {
        return "NewAttachment[" + filename + ", " + (content == null ? 0 : content.length) + " bytes]";
    }
}
