#pragma once

#include <QByteArray>
#include <QStringList>

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

private:
    QStringList m_origins; ///< normalized; empty = any
};
