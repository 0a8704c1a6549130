package fi.aspa.chat;

import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Keeps the client address of a resident's WebSocket handshake for the connection: the servlet request's remote
 * address, the same that the public forms' rate limits use (behind a reverse proxy the container resolves it,
 * {@code server.forward-headers-strategy}), so that a line over the socket counts against the same allowance as
 * one over HTTP.
 */
final class ClientAddress implements HandshakeInterceptor {
    static final String ATTRIBUTE = "aspa.chat.client-address";

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (request instanceof ServletServerHttpRequest servlet) {
            attributes.put(ATTRIBUTE, servlet.getServletRequest().getRemoteAddr());
        } else if (request.getRemoteAddress() != null && request.getRemoteAddress().getAddress() != null) {
            attributes.put(ATTRIBUTE, request.getRemoteAddress().getAddress().getHostAddress());
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {
        // nothing to do
    }
}
