#pragma once

#include "clientconnection.h"
#include "connectionlimits.h"
#include "slowconsumerpolicy.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QPointer>

class QTcpSocket;
class QTimer;
class QWebSocket;

/**
 * ClientConnection over a server-side QWebSocket that the front door upgraded: the TLS
 * (wss://) path, on the main thread. Owns the WebSocket and its TCP socket, and applies the
 * same ConnectionLimits as our own streams: frames and messages over maxMessageBytes make Qt
 * close with 1009, a text frame that is not UTF-8 makes it close with 1007 (shared protocol,
 * "Anything malformed"), a peer that does not read is dropped by the SlowConsumerPolicy, one
 * that does not answer our close frame after closeDeadlineMs is aborted.
 */
class QtWebSocketConnection : public ClientConnection
{
    Q_OBJECT

public:
    /**
     * @param socket    the upgraded WebSocket; ownership is taken.
     * @param transport its TCP socket (may be null); ownership is taken.
     * @param client    the client's address for peerAddress() (forwarded by a trusted
     *                  proxy); null: the socket's peer address.
     */
    QtWebSocketConnection(QWebSocket* socket, QTcpSocket* transport, const ConnectionLimits& limits,
                          const QHostAddress& client = {}, QObject* parent = nullptr);
    /// Sends a 1001 close frame if still open and releases both sockets at once.
    ~QtWebSocketConnection() override;

    void sendText(const QByteArray& utf8, Urgency urgency = Urgency::Normal) override;
    void close(quint16 code, const QString& reason) override;
    void abort() override;
    void sendPing() override;
    qint64 bytesToWrite() const override;
    QHostAddress peerAddress() const override;
    QString dropReason() const override { return m_dropReason; }

private:
    void onDisconnected();
    /// Applies the slow-consumer rule; arms m_slowConsumerLook while it says Watch.
    void lookAtSendBuffer();

    const ConnectionLimits m_limits;
    QWebSocket* m_socket = nullptr;
    QPointer<QTcpSocket> m_transport; ///< guarded: Qt may delete it on its own
    QHostAddress m_client;
    QTimer* m_closeDeadline = nullptr;
    QTimer* m_slowConsumerLook = nullptr; ///< created on the first look over the limit
    SlowConsumerPolicy m_slowConsumer;
    QElapsedTimer m_clock;
    QString m_dropReason;
    bool m_closing = false;
    bool m_disconnected = false;
};
