#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <utility>

struct HttpRequest;
struct HttpResponse;

/**
 * Which browser origins may use the server: the `--allowed-origins` list, checked for
 * WebSocket upgrades (and, with CORS, for plain HTTP requests). Origins are compared
 * case-insensitively and without a trailing '/', e.g. "https://chat.example.org".
 */
class OriginPolicy
{
public:
    /// Allows every origin.
    OriginPolicy() = default;
    /**
     * Allows the origins in @p origins; an empty list or one containing "*" allows every
     * origin. Blank entries are ignored.
     */
    explicit OriginPolicy(const QStringList& origins);

    /// Whether every origin is allowed (no list, or "*").
    bool allowsAny() const { return m_origins.isEmpty(); }
    /**
     * Whether a request with the `Origin` header @p origin (raw bytes, null when the header
     * is absent) may proceed. A request without an Origin header (a non-browser client) is
     * always allowed.
     */
    bool allows(const QByteArray& origin) const;

    /// HTTP header fields, name and value.
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    /**
     * The CORS answer headers (Fetch standard, "CORS protocol") for a request whose
     * `Origin` is @p origin and allowed: `Access-Control-Allow-Origin: <origin>`,
     * `Access-Control-Allow-Credentials: true` and `Vary: Origin`, as the reference
     * Engine.IO server sends them with `cors: {origin: true, credentials: true}`. Empty
     * without an Origin header (no browser asked) or for a refused origin.
     */
    Headers corsHeaders(const QByteArray& origin) const;
    /**
     * The answer to an `OPTIONS` request (a CORS preflight, or a plain OPTIONS): 204 with
     * `Access-Control-Allow-Methods: GET, POST, OPTIONS`, `Access-Control-Allow-Headers`
     * echoing `Access-Control-Request-Headers`, `Access-Control-Max-Age: 600` and
     * corsHeaders(); `Allow: GET, POST, OPTIONS` (RFC 9110 §9.3.7). The origin must have
     * been checked with allows().
     */
    HttpResponse preflight(const HttpRequest& request) const;

private:
    QStringList m_origins; ///< normalized; empty = any
};
