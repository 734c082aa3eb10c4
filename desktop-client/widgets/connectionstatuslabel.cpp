#include "connectionstatuslabel.h"

#include "chatclient.h"

ConnectionStatusLabel::ConnectionStatusLabel(ChatClient* client, QWidget* parent)
    : QLabel(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("connectionStatus"));
    setAccessibleName(tr("Connection status"));
    setTextFormat(Qt::PlainText);
    m_countdown.setInterval(250); // fine enough that the seconds never skip a value
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionStatusLabel::refresh);
    connect(client->connection(), &SocketIoClient::stateChanged, this,
            &ConnectionStatusLabel::onStateChanged);
    connect(client, &ChatClient::sessionStarted, this, &ConnectionStatusLabel::refresh);
    onStateChanged();
}

QString ConnectionStatusLabel::statusText(SocketIoClient::State state, const QString& handle,
                                          int secondsLeft, int attempt)
{
    switch (state) {
    case SocketIoClient::State::Connected:
        if (!handle.isEmpty())
            return tr("Connected as %1").arg(handle);
        return tr("Connecting…");
    case SocketIoClient::State::Connecting:
        return tr("Connecting…");
    case SocketIoClient::State::Reconnecting:
        return tr("Reconnecting in %1 s (attempt %2)").arg(secondsLeft).arg(attempt);
    case SocketIoClient::State::Offline:
        break;
    }
    return tr("Offline");
}

void ConnectionStatusLabel::onStateChanged()
{
    if (m_client->connection()->state() == SocketIoClient::State::Reconnecting)
        m_countdown.start();
    else
        m_countdown.stop();
    refresh();
}

void ConnectionStatusLabel::refresh()
{
    const SocketIoClient* connection = m_client->connection();
    const SocketIoClient::State state = connection->state();
    // The handle counts only once this connection's `session` has arrived.
    const bool haveSession = state == SocketIoClient::State::Connected &&
                             !m_client->session().handle.isEmpty() && m_client->isReady();
    const int seconds = (connection->msUntilReconnect() + 999) / 1000;
    setText(statusText(state, haveSession ? m_client->session().handle : QString(), seconds,
                       connection->reconnectAttempt()));
}
