#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

/**
 * Banned address ranges (CIDR), set through the admin API and checked by the front door
 * before a WebSocket upgrade. In memory only: bans end with the process.
 */
class BanList
{
public:
    /**
     * Adds the range @p cidr ("203.0.113.0/24", "2001:db8::/32"; a bare address is a /32
     * or /128), parsed with QHostAddress::parseSubnet.
     * @param canonical receives the normalised form ("203.0.113.0/24") on success.
     * @return false when @p cidr is not a valid range; true also when it was banned already.
     */
    bool add(const QString& cidr, QString* canonical);

    /// Lifts the ban on @p cidr (any spelling of the same range); false when not banned.
    bool remove(const QString& cidr);

    /**
     * True when @p address lies in a banned range. An IPv4-mapped IPv6 address
     * (::ffff:203.0.113.7, as a dual-stack socket reports IPv4 peers) is checked as IPv4.
     */
    bool isBanned(const QHostAddress& address) const;

    /// The banned ranges in canonical form, in the order they were added.
    QStringList ranges() const;

    bool isEmpty() const { return m_ranges.isEmpty(); }

    /// "address/prefix" of a parsed range, e.g. "203.0.113.0/24".
    static QString canonicalForm(const std::pair<QHostAddress, int>& range);

private:
    QList<std::pair<QHostAddress, int>> m_ranges;
};
