package fi.aspa.cases;

/** A stored file to serve: the type is the sniffed one, never the one the sender claimed. */
public record AttachmentContent(String filename, String contentType, byte[] content) {}
