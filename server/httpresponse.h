#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

/**
 * A complete HTTP/1.1 response of the front door. Every response closes the connection
 * (`Connection: close`): plain HTTP on this port is for probes, not for keep-alive traffic.
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

    /// Status line, Content-Type, Content-Length, Connection: close, extra headers, body.
    QByteArray encode() const;

    /// The RFC 9110 reason phrase of @p status ("Not Found"); "Unknown" for others.
    static QByteArray reasonPhrase(int status);
};
