#include "trustedproxies.h"

namespace {

/// @p address with an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 address.
QHostAddress unmapped(const QHostAddress& address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    return isIpv4 ? QHostAddress(ipv4) : address;
}

/// Longest forwarded entry looked at, characters ("[" + 45 for IPv6 + "]:65535", with room).
constexpr qsizetype MaxEntryLength = 64;

} // namespace

bool TrustedProxies::parse(const QStringList& entries, TrustedProxies* out, QString* error)
{
    QList<QPair<QHostAddress, int>> subnets;
    for (const QString& entry : entries) {
        const QString text = entry.trimmed();
        QPair<QHostAddress, int> subnet;
        if (text.contains(QLatin1Char('/'))) {
            subnet = QHostAddress::parseSubnet(text);
        } else {
            const QHostAddress address(text);
            subnet = {address, address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128};
        }
        if (subnet.first.isNull() || subnet.second < 0) {
            *error = QStringLiteral("'%1' is not an address or CIDR block").arg(entry);
            return false;
        }
        subnet.first = unmapped(subnet.first);
        if (subnet.first.protocol() == QAbstractSocket::IPv4Protocol && subnet.second > 32)
            subnet.second -= 96; // "::ffff:10.0.0.0/104" is 10.0.0.0/8
        subnets.append(subnet);
    }
    out->m_subnets = std::move(subnets);
    return true;
}

bool TrustedProxies::contains(const QHostAddress& address) const
{
    const QHostAddress plain = unmapped(address);
    for (const auto& subnet : m_subnets) {
        if (plain.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress& peer,
                                           const HttpRequest& request) const
{
    if (m_subnets.isEmpty() || !contains(peer))
        return peer;
    // All X-Forwarded-For lines form one list (RFC 9110 §5.3); walk it from the right.
    QList<QByteArray> entries;
    for (const auto& [name, value] : request.headers) {
        if (name == "x-forwarded-for")
            entries.append(value.split(','));
    }
    for (qsizetype i = entries.size() - 1; i >= 0; --i) {
        const QHostAddress address = parseForwardedAddress(entries.at(i));
        if (address.isNull())
            break; // not written by a proxy of ours; nothing left of it can be trusted
        if (!contains(address))
            return address;
    }
    const QHostAddress realIp = parseForwardedAddress(request.header("x-real-ip"));
    return realIp.isNull() ? peer : realIp;
}

QHostAddress TrustedProxies::parseForwardedAddress(QByteArrayView text)
{
    QByteArrayView entry = text.trimmed();
    if (entry.isEmpty() || entry.size() > MaxEntryLength)
        return {};
    if (entry.startsWith('[')) {
        const qsizetype close = entry.indexOf(']');
        if (close < 0)
            return {};
        const QByteArrayView rest = entry.sliced(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return {};
        entry = entry.sliced(1, close - 1);
    } else if (entry.count(':') == 1) {
        entry = entry.first(entry.indexOf(':')); // "192.0.2.1:4711"
    }
    for (const char c : entry) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex && c != '.' && c != ':')
            return {}; // no host names, zone ids or "unknown" (RFC 7239 §6.3)
    }
    const QHostAddress address(QString::fromLatin1(entry));
    if (address.isNull())
        return {};
    return unmapped(address);
}
