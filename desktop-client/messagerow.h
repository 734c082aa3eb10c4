#pragma once

#include "chatmessage.h"

#include <QDate>
#include <QObject>
#include <QString>

/// One row of a MessageListModel (see MessageRows for how rows are made and ordered).
struct MessageRow
{
    Q_GADGET

public:
    /// A stored message, a presence line or a "messages not available" marker.
    enum class Kind { Message, Joined, Left, Gap };
    Q_ENUM(Kind)

    /// Stored, or the user's own message waiting for (or refused) its ack.
    enum class Delivery { Delivered, Pending, Failed };
    Q_ENUM(Delivery)

    Kind kind = Kind::Message;
    Delivery delivery = Delivery::Delivered;
    ChatMessage message; ///< seq 0 for presence lines, markers and pending messages
    QString reason;      ///< a presence line's reason
    int gapCount = 0;    ///< messages a Gap marker stands for
    QDate localDate;     ///< of message.ts, computed once (toLocalTime() is not cheap)
};
