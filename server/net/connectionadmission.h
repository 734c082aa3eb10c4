#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>

/**
 * Caps on live WebSocket connections, checked by the front door before the upgrade
 * (docs/security.md, "Connection caps"): at most maxPerAddress per client address and
 * maxTotal in all. IPv4-mapped IPv6 addresses count as their IPv4 address, and IPv6
 * addresses are grouped by their /64 prefix (what one host or home network usually gets).
 *
 * Every address is capped, loopback included (issue 18: a local attacker, or everyone
 * behind a local reverse proxy, was unlimited otherwise). Behind a proxy the front door
 * counts the address the proxy forwards (TrustedProxies), not the proxy's own.
 *
 * Pure bookkeeping, no sockets: the front door asks admit() and calls release() once for
 * every admitted connection when it is gone (see holdUntilDestroyed()).
 */
class ConnectionAdmission : public QObject
{
    Q_OBJECT

public:
    enum class Verdict {
        Admitted,     ///< counted; call release() when the connection is gone
        AddressLimit, ///< this address has maxPerAddress connections: HTTP 429
        TotalLimit,   ///< the server has maxTotal connections: HTTP 503
    };

    /**
     * @param maxPerAddress live connections per address (or IPv6 /64); 0 = no cap.
     * @param maxTotal      live connections in all; 0 = no cap.
     */
    ConnectionAdmission(int maxPerAddress, int maxTotal, QObject* parent = nullptr);

    /// Counts a connection from @p address unless a cap is reached (the total cap first).
    Verdict admit(const QHostAddress& address);
    /// Releases one connection admitted for @p address (no-op when none is counted).
    void release(const QHostAddress& address);
    /**
     * Calls release(@p address) when @p object is destroyed (e.g. the connection's TCP
     * socket), unless this admission object is gone by then.
     */
    void holdUntilDestroyed(QObject* object, const QHostAddress& address);

    /// Live connections counted in all.
    int total() const { return m_total; }
    /// Live connections counted for @p address (its group).
    int countFor(const QHostAddress& address) const;

    /// The group @p address is counted in: IPv4 as is, IPv6 by /64 ("2001:db8:1:2::/64").
    static QString groupKey(const QHostAddress& address);

private:
    const int m_maxPerAddress;
    const int m_maxTotal;
    int m_total = 0;
    QHash<QString, int> m_perAddress;
};
