#pragma once

#include <QByteArray>
#include <QtGlobal>

/**
 * A place where many peers' frames are written together (an I/O thread, in practice): the
 * fan-out hands it a broadcast once for all of its peers in a group instead of once per
 * peer. The chat core's side of the transport's multicast; the gateway adapts one to the
 * other. Groups are numbered by the fan-out (one per room and wire format), peers by
 * ChatPeer::deliveryKey().
 *
 * Calls keep their order with the peers' own sendFrame() calls: a frame sent to a group
 * after a peer joined it reaches that peer after everything sent to it directly before.
 */
class DeliveryChannel
{
public:
    virtual ~DeliveryChannel() = default;

    /// Adds peer @p key to @p group (idempotent).
    virtual void join(quint64 group, quint64 key) = 0;
    /// Removes peer @p key from @p group (idempotent).
    virtual void leave(quint64 group, quint64 key) = 0;
    /// Queues @p frame on every peer of @p group except @p exceptKey (0: none).
    virtual void send(quint64 group, const QByteArray& frame, quint64 exceptKey) = 0;
};
