#include "banlist.h"

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

bool BanList::add(const QString& cidr, QString* canonical)
{
    std::pair<QHostAddress, int> range;
    if (!parseRange(cidr, &range))
        return false;
    *canonical = canonicalForm(range);
    if (!m_ranges.contains(range))
        m_ranges.append(range);
    return true;
}

bool BanList::remove(const QString& cidr)
{
    std::pair<QHostAddress, int> range;
    return parseRange(cidr, &range) && m_ranges.removeAll(range) > 0;
}

bool BanList::isBanned(const QHostAddress& address) const
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    const QHostAddress probe = isV4 ? QHostAddress(v4) : address;
    for (const auto& range : m_ranges) {
        if (probe.isInSubnet(range))
            return true;
    }
    return false;
}

QStringList BanList::ranges() const
{
    QStringList out;
    for (const auto& range : m_ranges)
        out.append(canonicalForm(range));
    return out;
}

QString BanList::canonicalForm(const std::pair<QHostAddress, int>& range)
{
    return range.first.toString() + QLatin1Char('/') + QString::number(range.second);
}
