#include "httploopback.h"

#include <QTcpSocket>

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
    return new HttpExchange(arrived.connection, arrived.request, std::move(extraHeaders));
}
