#include "httprequest.h"

#include <QUrl>
#include <QUrlQuery>

namespace {

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool isVisibleAscii(QByteArrayView text)
{
    for (char c : text) {
        if (c <= 0x20 || c >= 0x7f)
            return false;
    }
    return true;
}

bool isFieldValue(QByteArrayView text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

} // namespace

HttpRequest::Parse HttpRequest::parseHead(QByteArrayView bytes, qsizetype maxHeadBytes,
                                          HttpRequest* out, qsizetype* headBytes)
{
    const qsizetype end =
        bytes.first(qMin(bytes.size(), maxHeadBytes)).indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0)
        return bytes.size() >= maxHeadBytes ? Parse::TooLarge : Parse::Incomplete;

    HttpRequest request;
    const QByteArrayView head = bytes.first(end);
    qsizetype lineStart = 0;
    bool first = true;
    while (lineStart <= head.size()) {
        qsizetype lineEnd = head.indexOf(QByteArrayView("\r\n"), lineStart);
        if (lineEnd < 0)
            lineEnd = head.size();
        const QByteArrayView line = head.sliced(lineStart, lineEnd - lineStart);
        if (line.contains('\r') || line.contains('\n'))
            return Parse::Invalid; // bare CR or LF
        if (first) {
            const qsizetype sp1 = line.indexOf(' ');
            const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
            if (sp1 < 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
                return Parse::Invalid;
            const QByteArrayView method = line.first(sp1);
            const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
            const QByteArrayView version = line.sliced(sp2 + 1);
            if (!isToken(method) || !target.startsWith('/') || !isVisibleAscii(target) ||
                (version != QByteArrayView("HTTP/1.1") && version != QByteArrayView("HTTP/1.0")))
                return Parse::Invalid;
            request.method = method.toByteArray();
            request.target = target.toByteArray();
            request.http10 = version == QByteArrayView("HTTP/1.0");
            first = false;
        } else {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.first(colon)))
                return Parse::Invalid; // also rejects obs-fold (leading whitespace)
            const QByteArrayView value = line.sliced(colon + 1).trimmed();
            if (!isFieldValue(value))
                return Parse::Invalid;
            request.headers.append(
                {line.first(colon).toByteArray().toLower(), value.toByteArray()});
        }
        lineStart = lineEnd + 2;
    }

    const qsizetype question = request.target.indexOf('?');
    const QByteArray rawPath = question < 0 ? request.target : request.target.left(question);
    request.path = QUrl::fromPercentEncoding(rawPath);
    if (question >= 0 && question + 1 < request.target.size()) {
        // Decoded once here: the front door asks for three or four parameters per upgrade.
        QByteArray query = request.target.mid(question + 1);
        query.replace('+', ' ');
        request.queryItems = QUrlQuery(QString::fromLatin1(query)).queryItems(QUrl::FullyDecoded);
    }
    *out = request;
    *headBytes = end + 4;
    return Parse::Complete;
}

QByteArray HttpRequest::header(QByteArrayView lowerCaseName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

QString HttpRequest::queryValue(const QString& key) const
{
    for (const auto& [name, value] : queryItems) {
        if (name == key)
            return value.isNull() ? QString(QLatin1String("")) : value;
    }
    return {};
}
