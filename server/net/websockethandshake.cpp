#include "websockethandshake.h"

#include "httprequest.h"

#include <QCryptographicHash>

namespace {

// Whether the header fields named @p lowerCaseName (all of them: a list may be split over
// several fields, RFC 9110 §5.3) hold the token @p lowerCaseToken, ignoring case.
bool hasToken(const HttpRequest& request, QByteArrayView lowerCaseName,
              QByteArrayView lowerCaseToken)
{
    for (const auto& [name, value] : request.headers) {
        if (name != lowerCaseName)
            continue;
        for (const QByteArray& token : value.split(',')) {
            if (token.trimmed().toLower() == lowerCaseToken)
                return true;
        }
    }
    return false;
}

bool refuse(int status, const char* reason, int* statusOut, QByteArray* reasonOut)
{
    *statusOut = status;
    *reasonOut = reason;
    return false;
}

} // namespace

QByteArray WebSocketHandshake::acceptKey(QByteArrayView secWebSocketKey)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(secWebSocketKey);
    sha1.addData(QByteArrayView(AcceptGuid));
    return sha1.result().toBase64();
}

bool WebSocketHandshake::validate(const HttpRequest& request, int* status, QByteArray* reason)
{
    if (request.method != "GET")
        return refuse(400, "WebSocket upgrade needs GET", status, reason);
    if (!hasToken(request, "upgrade", "websocket"))
        return refuse(400, "Upgrade header without websocket", status, reason);
    if (!hasToken(request, "connection", "upgrade"))
        return refuse(400, "Connection header without upgrade", status, reason);
    const QByteArray version = request.header("sec-websocket-version");
    if (version.isNull())
        return refuse(400, "missing Sec-WebSocket-Version", status, reason);
    if (version != "13")
        return refuse(426, "unsupported Sec-WebSocket-Version", status, reason);
    const QByteArray key = request.header("sec-websocket-key");
    if (key.isNull())
        return refuse(400, "missing Sec-WebSocket-Key", status, reason);
    // 16 bytes are exactly 24 base64 characters, the last two "==".
    const auto decoded =
        QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (key.size() != 24 || !decoded || decoded.decoded.size() != 16)
        return refuse(400, "invalid Sec-WebSocket-Key", status, reason);
    return true;
}

QByteArray WebSocketHandshake::response(const HttpRequest& request)
{
    return "HTTP/1.1 101 Switching Protocols\r\n"
           "Upgrade: websocket\r\n"
           "Connection: Upgrade\r\n"
           "Sec-WebSocket-Accept: " +
           acceptKey(request.header("sec-websocket-key")) + "\r\n\r\n";
}
