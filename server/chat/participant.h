#pragma once

#include "sessioninfo.h"
#include "tokenbucket.h"

#include <QList>
#include <QString>

class ChatPeer;
struct ChatError;

/// One connection's state in the chat core, from ChatService::attach() to its close.
struct Participant
{
    quint64 id = 0;
    ChatPeer* peer = nullptr; ///< owned by the ChatService
    bool identified = false;  ///< between identify() and the end of the session
    SessionInfo identity;     ///< its token is cleared once the `session` event is out
    // A list, not a QSet: at most maxRoomsPerConnection entries, and an empty or small
    // QSet costs over a KiB per connection (Qt 6 hash spans).
    QList<QString> rooms;
    TokenBucket bucket;        ///< send_message and typing
    TokenBucket requestBucket; ///< join_room, leave_room, list_rooms, history, typing
    qint64 connectedAtMs = 0;

    /**
     * Takes @p cost rate tokens at @p nowMs (monotonic ms).
     * @param error on refusal: rate_limited with retry_after_ms.
     * @return false when the bucket holds less than @p cost.
     */
    bool takeTokens(double cost, qint64 nowMs, ChatError* error);
    /**
     * Takes one token of requestBucket at @p nowMs for a request other than send_message.
     * @param error on refusal: rate_limited with retry_after_ms.
     */
    bool takeRequestToken(qint64 nowMs, ChatError* error);
};
