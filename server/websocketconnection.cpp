#include "websocketconnection.h"

#include "sendbufferwatchdog.h"
#include "serverlogging.h"

#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace {
// A peer that does not finish the closing handshake within this time is dropped.
constexpr int CloseDeadlineMs = 3000;
} // namespace

WebSocketConnection::WebSocketConnection(QWebSocket* socket, QTcpSocket* transport,
                                         int maxPayloadBytes, QObject* parent)
    : ClientConnection(parent)
    , m_socket(socket)
    , m_transport(transport)
{
    m_socket->setParent(this);
    if (m_transport)
        m_transport->setParent(this);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(maxPayloadBytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(maxPayloadBytes));
    // One frame per message, however large (a `since` join reply can be megabytes): Qt
    // 6.4's receiving side (our desktop client) closes with 1007 when a text message is
    // fragmented inside a multi-byte UTF-8 sequence, and Qt fragments at 512 KiB.
    m_socket->setOutgoingFrameSize(QWebSocket::maxOutgoingFrameSize());

    connect(m_socket, &QWebSocket::textMessageReceived, this, &ClientConnection::textFrameReceived);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            &ClientConnection::binaryFrameReceived);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketConnection::onDisconnected);
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        QTimer::singleShot(0, this, &WebSocketConnection::onDisconnected);
}

WebSocketConnection::~WebSocketConnection()
{
    disconnect(m_socket, nullptr, this, nullptr);
    // QWebSocket's destructor sends a 1001 close frame if the socket is still open; the TCP
    // socket is then destroyed (aborted) right after, so nothing lingers.
    delete m_socket;
    delete m_transport.data();
}

void WebSocketConnection::setSendBufferLimit(qint64 limitBytes, int graceMs)
{
    delete m_watchdog;
    m_watchdog = new SendBufferWatchdog([this] { return bytesToWrite(); },
                                        [this] {
                                            if (m_transport)
                                                m_transport->flush(); // never blocks
                                        },
                                        limitBytes, graceMs, this);
    connect(m_watchdog, &SendBufferWatchdog::overflowed, this, [this](qint64 unsentBytes) {
        qCWarning(lcServerNet).nospace()
            << "dropping a slow consumer: " << unsentBytes << " unsent bytes, over the "
            << m_watchdog->limitBytes() << "-byte send buffer limit";
        qCDebug(lcServerNet) << "slow consumer was" << peerAddress();
        m_dropReason = QStringLiteral("slow consumer");
        abort();
    });
}

void WebSocketConnection::sendTextFrame(const QString& frame)
{
    if (m_closing || m_disconnected)
        return;
    // Residual per-recipient cost: QWebSocket converts the QString to UTF-8 and frames it
    // for every call; issue 7's own framing will write the shared bytes directly.
    m_socket->sendTextMessage(frame);
    if (m_watchdog)
        m_watchdog->onBytesQueued();
}

void WebSocketConnection::close(QWebSocketProtocol::CloseCode code, const QString& reason)
{
    if (m_closing || m_disconnected)
        return;
    m_closing = true;
    m_socket->close(code, reason);
    m_closeDeadline = new QTimer(this);
    m_closeDeadline->setSingleShot(true);
    connect(m_closeDeadline, &QTimer::timeout, this, &WebSocketConnection::abort);
    m_closeDeadline->start(CloseDeadlineMs);
}

void WebSocketConnection::abort()
{
    if (m_disconnected)
        return;
    m_closing = true;
    m_socket->abort();
    // abort() emits disconnected() synchronously when the socket was connected; make sure
    // the signal comes even if it was not.
    if (!m_disconnected)
        QTimer::singleShot(0, this, &WebSocketConnection::onDisconnected);
}

qint64 WebSocketConnection::bytesToWrite() const
{
    return m_transport ? m_transport->bytesToWrite() : 0;
}

QHostAddress WebSocketConnection::peerAddress() const
{
    return m_socket->peerAddress();
}

void WebSocketConnection::onDisconnected()
{
    if (m_disconnected)
        return;
    m_disconnected = true;
    if (m_closeDeadline)
        m_closeDeadline->stop();
    qCDebug(lcServerNet) << "WebSocket closed" << m_socket->closeCode() << m_socket->closeReason();
    Q_EMIT disconnected();
}
