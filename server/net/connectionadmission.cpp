#include "connectionadmission.h"

#include <QPointer>

namespace {

// The ticket of holdUntilDestroyed(): a private child of the holder that gives the slot back
// from its destructor. A child rather than a connection to the holder's destroyed(), which
// others may disconnect (QWebSocket drops every connection of the TCP socket it was upgraded
// from); a destructor rather than a connection to the ticket's own destroyed(): no signal
// connection and connection lists, ~0.3 KiB per connection (docs/benchmarks.md, "Memory per
// idle connection"). The admission may die first: then the ticket does nothing.
class AdmissionTicket final : public QObject
{
public:
    AdmissionTicket(ConnectionAdmission* admission, const QHostAddress& address, QObject* holder)
        : QObject(holder)
        , m_admission(admission)
        , m_address(address)
    {}
    ~AdmissionTicket() override
    {
        if (m_admission)
            m_admission->release(m_address);
    }

private:
    const QPointer<ConnectionAdmission> m_admission;
    const QHostAddress m_address;
};

} // namespace

ConnectionAdmission::ConnectionAdmission(int maxPerAddress, int maxTotal, QObject* parent)
    : QObject(parent)
    , m_maxPerAddress(maxPerAddress)
    , m_maxTotal(maxTotal)
{}

ConnectionAdmission::Verdict ConnectionAdmission::admit(const QHostAddress& address)
{
    if (m_maxTotal > 0 && m_total >= m_maxTotal)
        return Verdict::TotalLimit;
    int& count = m_perAddress[groupKey(address)];
    if (m_maxPerAddress > 0 && count >= m_maxPerAddress)
        return Verdict::AddressLimit;
    ++count;
    ++m_total;
    return Verdict::Admitted;
}

void ConnectionAdmission::release(const QHostAddress& address)
{
    const auto it = m_perAddress.find(groupKey(address));
    if (it == m_perAddress.end() || it.value() <= 0)
        return;
    if (--it.value() == 0)
        m_perAddress.erase(it);
    --m_total;
}

void ConnectionAdmission::holdUntilDestroyed(QObject* object, const QHostAddress& address)
{
    new AdmissionTicket(this, address, object);
}

int ConnectionAdmission::countFor(const QHostAddress& address) const
{
    return m_perAddress.value(groupKey(address));
}

QString ConnectionAdmission::groupKey(const QHostAddress& address)
{
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4); // also unwraps ::ffff:a.b.c.d
    if (isIpv4)
        return QHostAddress(ipv4).toString();
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address.toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}
