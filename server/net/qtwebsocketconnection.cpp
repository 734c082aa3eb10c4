#include "qtwebsocketconnection.h"

#include "netlogging.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

QtWebSocketConnection::QtWebSocketConnection(QWebSocket* socket, QTcpSocket* transport,
                                             const ConnectionLimits& limits,
                                             const QHostAddress& client, QObject* parent)
    : ClientConnection(parent)
    , m_limits(limits)
    , m_socket(socket)
    , m_transport(transport)
    , m_client(client.isNull() ? socket->peerAddress() : client)
{
    m_clock.start();
    m_socket->setParent(this);
    if (m_transport)
        m_transport->setParent(this);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(limits.maxMessageBytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(limits.maxMessageBytes));
    // One frame per message, however large (a `since` join reply can be megabytes): Qt
    // 6.4's receiving side (our desktop client) closes with 1007 when a text message is
    // fragmented inside a multi-byte UTF-8 sequence, and Qt fragments at 512 KiB.
    m_socket->setOutgoingFrameSize(QWebSocket::maxOutgoingFrameSize());

    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString& text) { Q_EMIT textReceived(text.toUtf8()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ClientConnection::binaryReceived);
    connect(m_socket, &QWebSocket::pong, this, &ClientConnection::pongReceived);
    connect(m_socket, &QWebSocket::disconnected, this, &QtWebSocketConnection::onDisconnected);
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        QTimer::singleShot(0, this, &QtWebSocketConnection::onDisconnected);
}

QtWebSocketConnection::~QtWebSocketConnection()
{
    disconnect(m_socket, nullptr, this, nullptr);
    // QWebSocket's destructor sends a 1001 close frame if the socket is still open; the TCP
    // socket is then destroyed (aborted) right after, so nothing lingers.
    delete m_socket;
    delete m_transport.data();
}

void QtWebSocketConnection::sendText(const QByteArray& utf8, Urgency)
{
    if (m_closing || m_disconnected)
        return;
    // QWebSocket takes text as a QString and frames it per call: this path (TLS) costs a
    // conversion and a framing per recipient, our own streams neither.
    m_socket->sendTextMessage(QString::fromUtf8(utf8));
    if (!m_slowConsumer.watching() && m_limits.maxUnsentBytes > 0 &&
        bytesToWrite() > m_limits.maxUnsentBytes) {
        // Qt writes a socket's buffer once per event-loop turn: flush before judging, so
        // that a fast reader holding one turn's broadcasts is not taken for a slow one.
        if (m_transport)
            m_transport->flush(); // never blocks
        lookAtSendBuffer();
    }
}

void QtWebSocketConnection::lookAtSendBuffer()
{
    switch (m_slowConsumer.observe(bytesToWrite(), m_clock.elapsed(), m_limits)) {
    case SlowConsumerPolicy::Verdict::Fine:
        return;
    case SlowConsumerPolicy::Verdict::Watch:
        if (!m_slowConsumerLook) {
            m_slowConsumerLook = new QTimer(this);
            m_slowConsumerLook->setSingleShot(true);
            connect(m_slowConsumerLook, &QTimer::timeout, this,
                    &QtWebSocketConnection::lookAtSendBuffer);
        }
        m_slowConsumerLook->start(
            int(std::max<qint64>(0, m_slowConsumer.nextLookAtMs(m_limits) - m_clock.elapsed())));
        return;
    case SlowConsumerPolicy::Verdict::Drop:
        qCWarning(lcNet).nospace()
            << "dropping a slow consumer: " << bytesToWrite() << " unsent bytes, over the "
            << m_limits.maxUnsentBytes << "-byte send buffer limit";
        qCDebug(lcNet) << "slow consumer was" << peerAddress();
        m_dropReason = QStringLiteral("slow consumer");
        abort();
        return;
    }
}

void QtWebSocketConnection::close(quint16 code, const QString& reason)
{
    if (m_closing || m_disconnected)
        return;
    m_closing = true;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    m_closeDeadline = new QTimer(this);
    m_closeDeadline->setSingleShot(true);
    connect(m_closeDeadline, &QTimer::timeout, this, &QtWebSocketConnection::abort);
    m_closeDeadline->start(m_limits.closeDeadlineMs);
}

void QtWebSocketConnection::abort()
{
    if (m_disconnected)
        return;
    m_closing = true;
    m_socket->abort();
    // abort() emits disconnected() synchronously when the socket was connected; make sure
    // the signal comes even if it was not.
    if (!m_disconnected)
        QTimer::singleShot(0, this, &QtWebSocketConnection::onDisconnected);
}

void QtWebSocketConnection::sendPing()
{
    if (!m_closing && !m_disconnected)
        m_socket->ping();
}

qint64 QtWebSocketConnection::bytesToWrite() const
{
    return m_transport ? m_transport->bytesToWrite() : 0;
}

QHostAddress QtWebSocketConnection::peerAddress() const
{
    return m_client;
}

void QtWebSocketConnection::onDisconnected()
{
    if (m_disconnected)
        return;
    m_disconnected = true;
    if (m_closeDeadline)
        m_closeDeadline->stop();
    if (m_slowConsumerLook)
        m_slowConsumerLook->stop();
    qCDebug(lcNet) << "WebSocket closed" << m_socket->closeCode() << m_socket->closeReason();
    Q_EMIT disconnected();
}
