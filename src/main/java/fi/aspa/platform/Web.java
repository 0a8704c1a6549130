package fi.aspa.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/** Small facts about requests shared by the web layers of all modules. */
public final class Web {
    private Web() {}

    /** Machine clients (REST API, Open311) get problem+json; people get pages. */
    public static boolean isApiPath(String path) {
        return path != null && (path.startsWith("/api/") || path.startsWith("/open311/"));
    }

    /** A path fit for logs: secrets in paths (tracking tokens) are masked. */
    public static String loggablePath(String path) {
        return path == null ? null : path.replaceAll("^/(track|appointments/manage)/[^/]+", "/$1/***");
    }

    public static boolean isApiRequest(HttpServletRequest request) {
        return isApiPath(path(request));
    }

    /** On an error dispatch, the path within the application that failed; otherwise null. */
    public static String failedPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri == null ? null : uri.toString().substring(request.getContextPath().length());
    }

    /** The request's path within the application (without the context path). */
    public static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
