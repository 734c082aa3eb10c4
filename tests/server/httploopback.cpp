#include "httploopback.h"

#include "pollinglink.h"

#include <QTcpSocket>
#include <QTest>

HttpLoopback::HttpLoopback(const Limits& limits)
    : m_limits(limits)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            auto* connection = new HttpConnection(
                socket, m_limits.maxHeadBytes, m_limits.maxBodyBytes, m_limits.idleTimeoutMs,
                [this](HttpConnection* from, HttpRequest&& request) {
                    requests.append({from, std::move(request)});
                },
                this);
            connections.append(connection);
            connection->start();
        }
    });
    m_server.listen(QHostAddress::LocalHost);
}

HttpExchange* HttpLoopback::exchange(int index,
                                     QList<std::pair<QByteArray, QByteArray>> extraHeaders)
{
    const Arrived& arrived = requests.at(index);
    if (!arrived.connection)
        return nullptr;
    return new HttpExchange(arrived.connection, arrived.request, std::move(extraHeaders),
                            arrived.connection->peerAddress());
}

HttpExchange* HttpLoopback::exchangeFor(PollingLink& link, const QByteArray& method,
                                        const QByteArray& target, const QByteArray& body)
{
    const qsizetype before = requests.size();
    link.send(method, target, body);
    if (!QTest::qWaitFor([&] { return requests.size() > before; }, 5000))
        return nullptr;
    return exchange(int(requests.size() - 1));
}
