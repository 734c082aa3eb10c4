#pragma once

#include "clientconnection.h"

#include <QPointer>

class QTcpSocket;
class QTimer;
class SendBufferWatchdog;
class QWebSocket;

/**
 * ClientConnection over a server-side QWebSocket that the front door upgraded.
 * Owns the WebSocket and its TCP socket. Applies the size limits right away: frames and
 * messages over @p maxPayloadBytes make Qt close with 1009; a text frame that is not UTF-8
 * makes it close with 1007 (shared protocol, "Anything malformed").
 */
class WebSocketConnection : public ClientConnection
{
    Q_OBJECT

public:
    /**
     * @param socket          the upgraded WebSocket; ownership is taken.
     * @param transport       its TCP socket (may be null); ownership is taken.
     * @param maxPayloadBytes largest incoming frame and message, bytes.
     */
    WebSocketConnection(QWebSocket* socket, QTcpSocket* transport, int maxPayloadBytes,
                        QObject* parent = nullptr);
    /// Sends a 1001 close frame if still open and releases both sockets at once.
    ~WebSocketConnection() override;

    /**
     * Drops the connection (abort, with a chat.server.net warning) when its unsent bytes
     * stay over @p limitBytes for @p graceMs ms (see SendBufferWatchdog). Off by default.
     */
    void setSendBufferLimit(qint64 limitBytes, int graceMs);

    void sendTextFrame(const QString& frame) override;
    void close(QWebSocketProtocol::CloseCode code, const QString& reason) override;
    void abort() override;
    qint64 bytesToWrite() const override;
    QHostAddress peerAddress() const override;
    QString dropReason() const override { return m_dropReason; }

private:
    void onDisconnected();

    QWebSocket* m_socket = nullptr;
    QPointer<QTcpSocket> m_transport; ///< guarded: Qt may delete it on its own
    QTimer* m_closeDeadline = nullptr;
    SendBufferWatchdog* m_watchdog = nullptr;
    QString m_dropReason;
    bool m_closing = false;
    bool m_disconnected = false;
};
