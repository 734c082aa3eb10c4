#include "pollinglink.h"

#include <QTest>

QByteArray PollingLink::Response::header(const QByteArray& name) const
{
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

PollingLink::PollingLink(quint16 port, const std::optional<QSslConfiguration>& tls)
    : m_tls(tls.has_value())
{
    connect(&m_socket, &QSslSocket::readyRead, this, [this] { m_buffer += m_socket.readAll(); });
    connect(&m_socket, &QSslSocket::disconnected, this, [this] { m_closed = true; });
    if (tls) {
        m_socket.setSslConfiguration(*tls);
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    } else {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
}

bool PollingLink::waitConnected(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            return m_tls ? m_socket.isEncrypted()
                         : m_socket.state() == QAbstractSocket::ConnectedState;
        },
        timeoutMs);
}

void PollingLink::send(const QByteArray& method, const QByteArray& target, const QByteArray& body,
                       const QList<QByteArray>& headers)
{
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const QByteArray& header : headers)
        request += header + "\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;
    m_socket.write(request);
}

std::optional<PollingLink::Response> PollingLink::take()
{
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    Response response;
    response.head = m_buffer.left(headEnd);
    response.status = m_buffer.mid(9, 3).toInt();
    const QByteArray length = response.header("content-length");
    const qsizetype bodyBytes = length.isNull() ? 0 : length.toLongLong();
    if (m_buffer.size() < headEnd + 4 + bodyBytes)
        return std::nullopt;
    response.body = m_buffer.mid(headEnd + 4, bodyBytes);
    m_buffer.remove(0, headEnd + 4 + bodyBytes);
    return response;
}

bool PollingLink::hasResponse()
{
    const QByteArray kept = m_buffer;
    const bool complete = take().has_value();
    m_buffer = kept;
    return complete;
}

std::optional<PollingLink::Response> PollingLink::next(int timeoutMs)
{
    std::optional<Response> response;
    (void)QTest::qWaitFor([&] { return (response = take()).has_value() || m_closed; }, timeoutMs);
    if (!response)
        response = take();
    return response;
}
