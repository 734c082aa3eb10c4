#pragma once

#include <QByteArray>
#include <QtGlobal>

/**
 * One message to many connections of one I/O thread, handed over once: the thread keeps
 * which of its connections are in which group, and a send() queues the same bytes on each
 * of them (framed once). Groups are numbered by the caller (e.g. one per room and wire
 * format); connections by their ClientConnection::multicastKey().
 *
 * Calls are made on the thread that owns the connections' ClientConnection objects and are
 * applied in order with the connections' own sendText(), close() and abort() calls, so a
 * message sent to a group after a connection joined it reaches that connection after
 * everything sent to it directly before.
 */
class Multicast
{
public:
    virtual ~Multicast() = default;

    /// Adds connection @p key to @p group (idempotent; unknown or closed keys are ignored).
    virtual void join(quint64 group, quint64 key) = 0;
    /// Removes connection @p key from @p group (idempotent). A closed connection leaves all.
    virtual void leave(quint64 group, quint64 key) = 0;
    /**
     * Queues the text message @p utf8 on every connection in @p group except @p exceptKey
     * (0: none).
     */
    virtual void send(quint64 group, const QByteArray& utf8, quint64 exceptKey) = 0;
};
