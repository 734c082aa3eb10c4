#pragma once

#include "chatpeer.h"

/// A ChatPeer that sends nothing and is only compared by address, for tests of the chat
/// core's bookkeeping (Participants, RoomJoiner).
class NullPeer : public ChatPeer
{
public:
    void sendFrame(const QByteArray&) override {}
    QHostAddress peerAddress() const override { return QHostAddress(QHostAddress::LocalHost); }
    bool kick(const QString&) override { return false; }
    void shutDown(qint64) override {}
    QString closeReason() const override { return QString(); }
};
