#pragma once

#include "chatmessage.h"
#include "messagelistmodel.h"

#include <QDate>
#include <QString>

/// One row of a MessageListModel (see MessageRows for how rows are made and ordered).
struct MessageRow
{
    MessageListModel::Kind kind = MessageListModel::Kind::Message;
    MessageListModel::Delivery delivery = MessageListModel::Delivery::Delivered;
    ChatMessage message; ///< seq 0 for presence lines, markers and pending messages
    QString reason;      ///< a presence line's reason
    int gapCount = 0;    ///< messages a Gap marker stands for
    QDate localDate;     ///< of message.ts, computed once (toLocalTime() is not cheap)
};
