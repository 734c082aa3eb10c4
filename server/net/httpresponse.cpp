#include "httpresponse.h"

#include <QJsonDocument>

#include <algorithm>

HttpResponse HttpResponse::json(int status, const QJsonObject& body)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::text(int status, const QByteArray& body)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "text/plain; charset=utf-8";
    response.body = body;
    return response;
}

HttpResponse HttpResponse::error(int status, const char* code, const char* message,
                                 int retryAfterSecs)
{
    HttpResponse response =
        json(status, QJsonObject{{QStringLiteral("code"), QString::fromLatin1(code)},
                                 {QStringLiteral("message"), QString::fromLatin1(message)}});
    if (retryAfterSecs > 0)
        response.extraHeaders.append({"Retry-After", QByteArray::number(retryAfterSecs)});
    return response;
}

HttpResponse HttpResponse::methodNotAllowed(const QByteArray& allowed)
{
    HttpResponse response = text(405, "only " + allowed + " is supported\n");
    response.extraHeaders.append({"Allow", allowed});
    return response;
}

QByteArray HttpResponse::encode(bool keepAlive) const
{
    QByteArray wire;
    wire.reserve(body.size() + 160);
    wire += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    // RFC 9110 §8.6: no Content-Length on 204, nor on 304 (it would describe the 200's body).
    if (status != 204 && status != 304) {
        wire += "Content-Type: " + contentType + "\r\n";
        wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    const bool cacheControlSet =
        std::any_of(extraHeaders.cbegin(), extraHeaders.cend(),
                    [](const auto& header) { return header.first == "Cache-Control"; });
    if (!cacheControlSet)
        wire += "Cache-Control: no-store\r\n";
    wire += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto& [name, value] : extraHeaders)
        wire += name + ": " + value + "\r\n";
    wire += "\r\n";
    if (status != 204 && status != 304)
        wire += body;
    return wire;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}
