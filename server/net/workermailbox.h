#pragma once

#include "ioworker.h"

#include <QObject>

class Multicast;
class NativeWebSocketConnection;

/**
 * What a NativeWebSocketConnection needs of the I/O threads that own its stream: a mailbox
 * per worker for its commands, the worker's Multicast, and word of its end. IoWorkerPool is
 * the one implementation; the interface keeps the connection from depending on the pool
 * that creates it (no include cycle). A QObject so that a connection can hold it in a
 * QPointer: the pool may be destroyed before connections deleted later.
 */
class WorkerMailbox : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// Hands @p command to worker @p worker (an index into the pool; applied at once when
    /// the worker runs on the caller's thread).
    virtual void post(int worker, IoWorker::Command&& command) = 0;
    /// Worker @p worker as a Multicast over its connections (owned by the mailbox), or null.
    virtual Multicast* multicast(int worker) const = 0;
    /// @p connection is being destroyed: drop every reference to it.
    virtual void forget(NativeWebSocketConnection* connection) = 0;
};
