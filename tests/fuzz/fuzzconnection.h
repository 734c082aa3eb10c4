#pragma once

#include "clientconnection.h"

#include <QStringList>

/**
 * An in-memory ClientConnection for the session fuzzer: records what the server sends and
 * reports a close (close() or abort()) as disconnected() from the event loop, as the
 * WebSocket implementation does.
 */
class FuzzConnection : public ClientConnection
{
    Q_OBJECT

public:
    using ClientConnection::ClientConnection;

    void sendTextFrame(const QString& frame) override;
    void close(QWebSocketProtocol::CloseCode code, const QString& reason) override;
    void abort() override;
    qint64 bytesToWrite() const override { return 0; }
    QHostAddress peerAddress() const override { return QHostAddress(QHostAddress::LocalHost); }

    /// Feeds one frame as if the peer had sent it (ignored once closed).
    void receiveText(const QString& frame);
    void receiveBinary(const QByteArray& frame);

    bool isClosed() const { return m_closed; }
    qsizetype sentFrames() const { return m_sent; }

private:
    void finish();

    bool m_closed = false;
    qsizetype m_sent = 0;
};
