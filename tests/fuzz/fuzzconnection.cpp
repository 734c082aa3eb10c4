#include "fuzzconnection.h"

#include <QTimer>

void FuzzConnection::sendTextFrame(const QString& frame)
{
    if (!m_closed && !frame.isEmpty())
        ++m_sent;
}

void FuzzConnection::close(QWebSocketProtocol::CloseCode, const QString&)
{
    finish();
}

void FuzzConnection::abort()
{
    finish();
}

void FuzzConnection::receiveText(const QString& frame)
{
    if (!m_closed)
        Q_EMIT textFrameReceived(frame);
}

void FuzzConnection::receiveBinary(const QByteArray& frame)
{
    if (!m_closed)
        Q_EMIT binaryFrameReceived(frame);
}

void FuzzConnection::finish()
{
    if (m_closed)
        return;
    m_closed = true;
    QTimer::singleShot(0, this, [this] { Q_EMIT disconnected(); });
}
