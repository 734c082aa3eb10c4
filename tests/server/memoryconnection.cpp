#include "memoryconnection.h"

#include <QTimer>

void MemoryConnection::sendText(const QByteArray& utf8, Urgency)
{
    if (m_closed)
        return;
    ++sentCount;
    if (record)
        sent.append(utf8);
}

void MemoryConnection::close(quint16 code, const QString&)
{
    if (!m_closed)
        m_closeCode = code;
    finish();
}

void MemoryConnection::abort()
{
    finish();
}

void MemoryConnection::receiveText(const QByteArray& utf8)
{
    if (!m_closed)
        Q_EMIT textReceived(utf8);
}

void MemoryConnection::receiveBinary(const QByteArray& data)
{
    if (!m_closed)
        Q_EMIT binaryReceived(data);
}

void MemoryConnection::finish()
{
    if (m_closed)
        return;
    m_closed = true;
    QTimer::singleShot(0, this, [this] { Q_EMIT disconnected(); });
}
