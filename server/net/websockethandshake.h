#pragma once

#include <QByteArray>
#include <QByteArrayView>

struct HttpRequest;

/**
 * The server side of the WebSocket opening handshake (RFC 6455 §4.2): checks a client's
 * upgrade request and builds the 101 response. Pure: no I/O. Only version 13, no
 * subprotocol, no extension.
 */
class WebSocketHandshake
{
public:
    /// The GUID every Sec-WebSocket-Accept is derived with (RFC 6455 §1.3).
    static constexpr const char* AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /**
     * The Sec-WebSocket-Accept value for @p secWebSocketKey (RFC 6455 §4.2.2 step 5.4):
     * base64(SHA-1(key + AcceptGuid)), 28 characters.
     */
    static QByteArray acceptKey(QByteArrayView secWebSocketKey);

    /**
     * Checks an upgrade request (RFC 6455 §4.2.1): method GET; an Upgrade header with the
     * token "websocket" and a Connection header with the token "upgrade" (both
     * case-insensitive, comma-separated lists, RFC 9110 §7.6.1 and §7.8); Sec-WebSocket-Version
     * exactly 13; a Sec-WebSocket-Key that is base64 of 16 bytes.
     * @param status on failure, the HTTP status to answer: 426 for a version other than 13
     *               (the response must then carry `Sec-WebSocket-Version: 13`, §4.4), else 400.
     * @param reason on failure, a short English reason, e.g. "missing Sec-WebSocket-Key".
     * @return true when the request may be upgraded with response().
     */
    static bool validate(const HttpRequest& request, int* status, QByteArray* reason);

    /**
     * The complete response head for a request validate() accepted:
     * "HTTP/1.1 101 Switching Protocols" with Upgrade, Connection and Sec-WebSocket-Accept,
     * ending in an empty line. No Sec-WebSocket-Protocol, no Sec-WebSocket-Extensions.
     */
    static QByteArray response(const HttpRequest& request);
};
