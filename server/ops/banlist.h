#pragma once

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

/**
 * Banned address ranges (CIDR), each until an optional expiry, set through the admin API
 * and checked by the front door before every request. A value: BanStore keeps it in the
 * data directory so that bans survive a restart.
 */
class BanList
{
public:
    /**
     * Adds the range @p cidr ("203.0.113.0/24", "2001:db8::/32"; a bare address is a /32
     * or /128), parsed with QHostAddress::parseSubnet.
     * @param canonical receives the normalised form ("203.0.113.0/24") on success.
     * @param expiresAt  when the ban ends (UTC); invalid: never. Banning a range again
     *                   replaces its expiry.
     * @return false when @p cidr is not a valid range; true also when it was banned already.
     */
    bool add(const QString& cidr, QString* canonical, const QDateTime& expiresAt = {});

    /// Lifts the ban on @p cidr (any spelling of the same range); false when not banned.
    bool remove(const QString& cidr);

    /**
     * True when @p address lies in a banned range. An IPv4-mapped IPv6 address
     * (::ffff:203.0.113.7, as a dual-stack socket reports IPv4 peers) is checked as IPv4.
     */
    bool isBanned(const QHostAddress& address) const;

    /// The ranges banned now, in canonical form, in the order they were added.
    QStringList ranges() const;
    /// When the ban on @p canonical ends; invalid when never (or not banned).
    QDateTime expiry(const QString& canonical) const;

    bool isEmpty() const { return m_bans.isEmpty(); }

    /// `[{"cidr":"203.0.113.0/24","expires_at":"<ISO 8601 UTC>"|null}]`, expired ones left out.
    QJsonArray toJson() const;
    /**
     * Adds the bans of toJson()'s form; entries that are malformed or expired are skipped.
     * @return how many were added.
     */
    int addFromJson(const QJsonArray& bans);

    /// "address/prefix" of a parsed range, e.g. "203.0.113.0/24".
    static QString canonicalForm(const std::pair<QHostAddress, int>& range);

private:
    struct Ban
    {
        std::pair<QHostAddress, int> range;
        QDateTime expiresAt; ///< invalid: never
        bool activeAt(const QDateTime& now) const
        {
            return !expiresAt.isValid() || now < expiresAt;
        }
    };
    QList<Ban> m_bans;
};
