#include "webclientfiles.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>

#include <zlib.h>

namespace {

bool acceptsGzip(const HttpRequest& request)
{
    // Coarse but safe: "gzip;q=0" is the only refusal, and no browser sends it.
    const QByteArray accepted = request.header("accept-encoding").toLower();
    return accepted.contains("gzip") && !accepted.contains("gzip;q=0");
}

bool matches(const QByteArray& ifNoneMatch, const QByteArray& etag)
{
    if (ifNoneMatch.trimmed() == "*")
        return true;
    for (const QByteArray& candidate : ifNoneMatch.split(',')) {
        QByteArray tag = candidate.trimmed();
        if (tag.startsWith("W/"))
            tag = tag.mid(2); // weak comparison (RFC 9110 §13.1.2)
        if (tag == etag)
            return true;
    }
    return false;
}

} // namespace

WebClientFiles::WebClientFiles(const QString& root)
{
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        File entry;
        entry.body = file.readAll();
        entry.type = contentType(path);
        const QByteArray compressed = gzip(entry.body);
        if (compressed.size() < entry.body.size())
            entry.gzipped = compressed;
        entry.etag = '"' +
                     QCryptographicHash::hash(entry.body, QCryptographicHash::Sha256)
                         .left(12)
                         .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
                     '"';
        m_files.insert(path.mid(root.size()), entry);
    }
}

std::optional<HttpResponse> WebClientFiles::serve(const HttpRequest& request) const
{
    const QString path =
        request.path == QLatin1String("/") ? QStringLiteral("/index.html") : request.path;
    const auto it = m_files.constFind(path);
    if (it == m_files.constEnd())
        return std::nullopt;
    HttpResponse response;
    response.contentType = it->type;
    const auto header = [&response](const QByteArray& name, const QByteArray& value) {
        response.extraHeaders.append(std::pair(name, value));
    };
    header("Cache-Control", "no-cache");
    header("ETag", it->etag);
    header("X-Content-Type-Options", "nosniff");
    header("Referrer-Policy", "no-referrer");
    if (it->type.startsWith("text/html"))
        header("Content-Security-Policy", policy());
    if (!it->gzipped.isEmpty())
        header("Vary", "Accept-Encoding");
    if (matches(request.header("if-none-match"), it->etag)) {
        response.status = 304;
        return response;
    }
    if (!it->gzipped.isEmpty() && acceptsGzip(request)) {
        header("Content-Encoding", "gzip");
        response.body = it->gzipped;
    } else {
        response.body = it->body;
    }
    return response;
}

QByteArray WebClientFiles::policy()
{
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "connect-src 'self' ws: wss:; manifest-src 'self'; base-uri 'none'; "
           "form-action 'self'; frame-ancestors 'none'";
}

QByteArray WebClientFiles::contentType(const QString& name)
{
    static const QHash<QString, QByteArray> types{
        {QStringLiteral("html"), "text/html; charset=utf-8"},
        {QStringLiteral("js"), "text/javascript; charset=utf-8"},
        {QStringLiteral("mjs"), "text/javascript; charset=utf-8"},
        {QStringLiteral("css"), "text/css; charset=utf-8"},
        {QStringLiteral("svg"), "image/svg+xml"},
        {QStringLiteral("png"), "image/png"},
        {QStringLiteral("ico"), "image/x-icon"},
        {QStringLiteral("json"), "application/json"},
        {QStringLiteral("webmanifest"), "application/manifest+json"},
        {QStringLiteral("txt"), "text/plain; charset=utf-8"},
    };
    const QString suffix = name.section(QLatin1Char('.'), -1).toLower();
    return types.value(suffix, "application/octet-stream");
}

QByteArray WebClientFiles::gzip(const QByteArray& data)
{
    z_stream stream{};
    // windowBits 15 + 16: a gzip header and trailer instead of zlib's (zlib.h, deflateInit2).
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    const int result = deflate(&stream, Z_FINISH);
    const qsizetype written = out.size() - qsizetype(stream.avail_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END)
        return {};
    out.truncate(written);
    return out;
}
