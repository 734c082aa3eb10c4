#pragma once

#include "httprequest.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

/**
 * The reverse proxies whose forwarding headers are believed (`--trusted-proxies`,
 * docs/security.md, "Behind a proxy"): addresses and CIDR blocks. For a request whose TCP
 * peer is one of them, the client's address is taken from `X-Forwarded-For` (the rightmost
 * address that is not a trusted proxy itself: every proxy appends the address it saw, so
 * what is left of the last trusted one was written by the client and proves nothing) or,
 * without a usable one, from `X-Real-IP`. For any other peer both headers are ignored: a
 * client could write anything there.
 *
 * Pure value type, no I/O; an empty list (the default) trusts nobody.
 */
class TrustedProxies
{
public:
    /// Trusts nobody: clientAddress() is always the TCP peer.
    TrustedProxies() = default;

    /**
     * Parses @p entries, each an IPv4 or IPv6 address ("10.0.0.2", "::1") or a CIDR block
     * ("10.0.0.0/8", "fd00::/8"), surrounding spaces ignored (QHostAddress::parseSubnet()).
     * @param error on failure, why, naming the entry: "'10.0.0.0/33' is not an address or
     *              CIDR block".
     * @return false when an entry is not acceptable; @p out is unchanged then.
     */
    static bool parse(const QStringList& entries, TrustedProxies* out, QString* error);

    /// No proxy is trusted.
    bool isEmpty() const { return m_subnets.isEmpty(); }

    /// @p address (IPv4-mapped IPv6 as its IPv4 address) is in one of the blocks.
    bool contains(const QHostAddress& address) const;

    /**
     * The client's address for @p request received from TCP peer @p peer: @p peer itself
     * unless it is trusted; then the rightmost `X-Forwarded-For` entry (all such header
     * lines, in order, as one comma-separated list) that is not trusted, else a valid
     * `X-Real-IP`, else @p peer. Parsing stops at the first entry, from the right, that is
     * not an address (what lies left of it cannot be attributed); that entry counts as
     * "no usable address". Entries may carry a port ("192.0.2.1:4711", "[2001:db8::1]:4711").
     * Never fails; any header content is accepted (this sees network input).
     */
    QHostAddress clientAddress(const QHostAddress& peer, const HttpRequest& request) const;

    /**
     * One forwarded address as proxies write it: "192.0.2.1", "2001:db8::1", with a port
     * ("192.0.2.1:80", "[2001:db8::1]:80") or in brackets; IPv4-mapped IPv6 is unwrapped.
     * @return the address, or a null QHostAddress when @p text is none.
     */
    static QHostAddress parseForwardedAddress(QByteArrayView text);

private:
    QList<QPair<QHostAddress, int>> m_subnets; ///< address and prefix length
};
