#include "banlist.h"

#include "timestamp.h"

#include <QJsonObject>

namespace {

bool parseRange(const QString& cidr, std::pair<QHostAddress, int>* range)
{
    QString text = cidr.trimmed();
    if (text.isEmpty())
        return false;
    if (!text.contains(QLatin1Char('/'))) {
        const QHostAddress address(text);
        if (address.isNull())
            return false;
        text += address.protocol() == QAbstractSocket::IPv4Protocol ? QStringLiteral("/32")
                                                                    : QStringLiteral("/128");
    }
    *range = QHostAddress::parseSubnet(text);
    return !range->first.isNull() && range->second >= 0;
}

} // namespace

bool BanList::add(const QString& cidr, QString* canonical, const QDateTime& expiresAt)
{
    std::pair<QHostAddress, int> range;
    if (!parseRange(cidr, &range))
        return false;
    *canonical = canonicalForm(range);
    for (Ban& ban : m_bans) {
        if (ban.range == range) {
            ban.expiresAt = expiresAt;
            return true;
        }
    }
    m_bans.append(Ban{range, expiresAt});
    return true;
}

bool BanList::remove(const QString& cidr)
{
    std::pair<QHostAddress, int> range;
    if (!parseRange(cidr, &range))
        return false;
    return m_bans.removeIf([&range](const Ban& ban) { return ban.range == range; }) > 0;
}

bool BanList::isBanned(const QHostAddress& address) const
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    const QHostAddress probe = isV4 ? QHostAddress(v4) : address;
    QDateTime now;
    for (const Ban& ban : m_bans) {
        if (!probe.isInSubnet(ban.range))
            continue;
        if (!ban.expiresAt.isValid())
            return true;
        if (!now.isValid())
            now = QDateTime::currentDateTimeUtc();
        if (ban.activeAt(now))
            return true;
    }
    return false;
}

QStringList BanList::ranges() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList out;
    for (const Ban& ban : m_bans) {
        if (ban.activeAt(now))
            out.append(canonicalForm(ban.range));
    }
    return out;
}

QDateTime BanList::expiry(const QString& canonical) const
{
    for (const Ban& ban : m_bans) {
        if (canonicalForm(ban.range) == canonical)
            return ban.expiresAt;
    }
    return {};
}

QJsonArray BanList::toJson() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonArray out;
    for (const Ban& ban : m_bans) {
        if (!ban.activeAt(now))
            continue;
        out.append(
            QJsonObject{{QStringLiteral("cidr"), canonicalForm(ban.range)},
                        {QStringLiteral("expires_at"),
                         ban.expiresAt.isValid() ? QJsonValue(Timestamp::format(ban.expiresAt))
                                                 : QJsonValue(QJsonValue::Null)}});
    }
    return out;
}

int BanList::addFromJson(const QJsonArray& bans)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int added = 0;
    for (const QJsonValue& value : bans) {
        const QJsonObject object = value.toObject();
        const QJsonValue expires = object.value(QStringLiteral("expires_at"));
        QDateTime expiresAt;
        if (expires.isString()) {
            expiresAt = Timestamp::parse(expires.toString());
            if (!expiresAt.isValid() || expiresAt <= now)
                continue;
        } else if (!expires.isNull() && !expires.isUndefined()) {
            continue;
        }
        QString canonical;
        if (add(object.value(QStringLiteral("cidr")).toString(), &canonical, expiresAt))
            ++added;
    }
    return added;
}

QString BanList::canonicalForm(const std::pair<QHostAddress, int>& range)
{
    return range.first.toString() + QLatin1Char('/') + QString::number(range.second);
}
