#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

/**
 * The web client's static files (resources/web, compiled in with the Qt resource system
 * under `:/web`), served on the chat port at `/` (index.html) and `/<file>`.
 *
 * Everything is read, gzipped and hashed once at construction, so that a request costs a
 * lookup: each answer carries its Content-Type, `Cache-Control: no-cache` with an ETag
 * (browsers revalidate, an unchanged file answers 304 with no body: the names carry no
 * version), `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, and, for
 * HTML, the strict Content-Security-Policy policy() (no inline script or style, no other
 * host). A client whose Accept-Encoding names gzip gets the gzipped body when it is
 * smaller (`Content-Encoding: gzip`, `Vary: Accept-Encoding`).
 */
class WebClientFiles
{
public:
    /// Loads every file under the resource directory @p root (e.g. ":/web").
    explicit WebClientFiles(const QString& root = QStringLiteral(":/web"));

    /**
     * The answer to GET @p request when its path names a file ("/" is "/index.html"); none
     * for other paths, which the caller routes on (the API, 404).
     */
    std::optional<HttpResponse> serve(const HttpRequest& request) const;

    /// Number of files loaded (0 when the resources are missing).
    int fileCount() const { return int(m_files.size()); }
    /// The Content-Security-Policy of HTML answers.
    static QByteArray policy();
    /// The MIME type served for a file named @p name, by its suffix (RFC 6838 names).
    static QByteArray contentType(const QString& name);
    /// @p data in the gzip format (RFC 1952), at the best compression.
    static QByteArray gzip(const QByteArray& data);

private:
    struct File
    {
        QByteArray type;
        QByteArray body;
        QByteArray gzipped; ///< empty when gzip would not be smaller
        QByteArray etag;    ///< quoted strong validator (RFC 9110 §8.8.3)
    };
    QHash<QString, File> m_files; ///< by URL path, e.g. "/app.js"
};
