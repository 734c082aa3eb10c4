#pragma once

#include "clientconnection.h"

#include <QByteArrayList>

/**
 * A ClientConnection in memory, for tests and fuzzers that drive the protocol sessions and
 * the chat core without a network: what the server sends is recorded, what the peer sends
 * is injected, and a close (close() or abort()) is reported as disconnected() from the event
 * loop, as the real transports do.
 */
class MemoryConnection : public ClientConnection
{
    Q_OBJECT

public:
    using ClientConnection::ClientConnection;

    void sendText(const QByteArray& utf8, Urgency urgency = Urgency::Normal) override;
    void close(quint16 code, const QString& reason) override;
    void abort() override;
    /// Counted in pingsSent; answer with receivePong().
    void sendPing() override
    {
        if (!m_closed)
            ++pingsSent;
    }
    qint64 bytesToWrite() const override { return 0; }
    QHostAddress peerAddress() const override { return QHostAddress(QHostAddress::LocalHost); }

    /// Feeds one text message as if the peer had sent it (ignored once closed).
    void receiveText(const QByteArray& utf8);
    /// Feeds one binary message (ignored once closed).
    void receiveBinary(const QByteArray& data);

    /// Feeds a Pong control frame (ignored once closed).
    void receivePong()
    {
        if (!m_closed)
            Q_EMIT pongReceived();
    }

    /// Ping frames sent so far.
    int pingsSent = 0;
    /// Every text message sent, oldest first (unless recording was turned off).
    QByteArrayList sent;
    /// Keep only the count (fuzzers: memory stays flat).
    bool record = true;
    qsizetype sentCount = 0;
    bool isClosed() const { return m_closed; }
    /// The close code given to close(); 0 when aborted or open.
    quint16 closeCode() const { return m_closeCode; }

private:
    void finish();

    bool m_closed = false;
    quint16 m_closeCode = 0;
};
