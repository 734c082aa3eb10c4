#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

/**
 * A complete HTTP/1.1 response of the front door. It closes the connection
 * (`Connection: close`) unless encoded for keep-alive (HttpConnection, Engine.IO polling).
 */
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> extraHeaders; ///< e.g. {"Allow","GET"}

    /// A response with a compact JSON body.
    static HttpResponse json(int status, const QJsonObject& body);
    /// A response with a text/plain UTF-8 body.
    static HttpResponse text(int status, const QByteArray& body);
    /**
     * An error with the JSON body `{"code": @p code, "message": @p message}` and, when
     * @p retryAfterSecs > 0, a `Retry-After` header in seconds (RFC 9110 §10.2.3).
     */
    static HttpResponse error(int status, const char* code, const char* message,
                              int retryAfterSecs = 0);
    /// 405 with `Allow: @p allowed` (RFC 9110 §15.5.6), e.g. allowed "GET".
    static HttpResponse methodNotAllowed(const QByteArray& allowed);

    /**
     * Status line, Content-Type, Content-Length (neither for 204, RFC 9110 §8.6),
     * Connection (`close`, or `keep-alive` when @p keepAlive), extra headers, body.
     */
    QByteArray encode(bool keepAlive = false) const;

    /// The RFC 9110 reason phrase of @p status ("Not Found"); "Unknown" for others.
    static QByteArray reasonPhrase(int status);
};
