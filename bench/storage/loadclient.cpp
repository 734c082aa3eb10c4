#include "loadclient.h"

#include <QUrl>

namespace {

constexpr qint64 JoinAckId = 0; // message acks use 1..messages

} // namespace

LoadClient::LoadClient(const QString& room, int messages, int window, QObject* parent)
    : QObject(parent)
    , m_room(room)
    , m_messages(messages)
    , m_window(window)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &LoadClient::onText);
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        if (m_acked + m_failed < m_messages)
            Q_EMIT failedEarly(QStringLiteral("connection closed: %1").arg(m_socket.closeReason()));
    });
    m_sentAtUs.resize(messages);
    m_latenciesUs.reserve(messages);
}

void LoadClient::open(quint16 port)
{
    m_clock.start();
    m_socket.open(
        QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket").arg(port)));
}

void LoadClient::start()
{
    m_running = true;
    for (int i = 0; i < m_window; ++i)
        sendNext();
}

void LoadClient::sendNext()
{
    if (m_sent >= m_messages)
        return;
    const int id = ++m_sent;
    m_sentAtUs[id - 1] = m_clock.nsecsElapsed() / 1000;
    m_socket.sendTextMessage(
        QStringLiteral("42%1[\"send_message\",{\"room\":\"%2\",\"text\":\"benchmark message %1 "
                       "with some ordinary length\",\"client_id\":\"b-%1\"}]")
            .arg(id)
            .arg(m_room));
}

void LoadClient::onText(const QString& frame)
{
    if (frame == QLatin1String("2")) {
        m_socket.sendTextMessage(QStringLiteral("3"));
        return;
    }
    if (frame.startsWith(QLatin1String("42[\"message\""))) {
        ++m_deliveries;
        return;
    }
    if (frame.startsWith(QLatin1String("43"))) {
        const qsizetype bracket = frame.indexOf(QLatin1Char('['));
        const qint64 id = QStringView(frame).mid(2, bracket - 2).toLongLong();
        if (id == JoinAckId && !m_joined) {
            m_joined = true;
            Q_EMIT ready();
            return;
        }
        if (id < 1 || id > m_messages)
            return;
        if (frame.contains(QLatin1String("\"ok\":true"))) {
            ++m_acked;
            m_latenciesUs.append(m_clock.nsecsElapsed() / 1000 - m_sentAtUs[id - 1]);
        } else {
            ++m_failed;
        }
        if (m_running)
            sendNext();
        if (m_acked + m_failed == m_messages)
            Q_EMIT finished();
        return;
    }
    if (frame.startsWith(QLatin1Char('0'))) { // Engine.IO open
        m_socket.sendTextMessage(QStringLiteral("40"));
        return;
    }
    if (frame.startsWith(QLatin1String("40"))) { // Socket.IO CONNECT accepted
        m_socket.sendTextMessage(
            QStringLiteral("420[\"join_room\",{\"room\":\"%1\"}]").arg(m_room));
        return;
    }
}
