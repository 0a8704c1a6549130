package fi.aspa.platform;

import org.springframework.util.unit.DataSize;

/**
 * One endpoint whose request body may be larger than {@code aspa.web.max-body-size} (a file sent as the body, such as
 * a catalogue import), with its own cap. A module declares it as a bean; the body is still cut off at that cap.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the exact path within the application, e.g. {@code /api/v1/catalogue/services/import}
 */
public record LargerBody(String method, String path, DataSize max) {}
