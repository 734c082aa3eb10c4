#pragma once

#include "chaterror.h"
#include "chatmessage.h"

#include <QJsonValue>
#include <QList>

/**
 * Reads the acks of the chat protocol: `{"ok":true,...}` or
 * `{"ok":false,"error":{"code","message"[,"retry_after_ms"]}}` (shared protocol,
 * "Client -> server events"). Malformed parts never throw: see each function.
 */
class ServerReply
{
public:
    /// True when @p reply is an object with `"ok":true`.
    static bool isOk(const QJsonValue& reply);
    /// The `error` of a refusal; a generic message when it is missing or malformed.
    static ChatError error(const QJsonValue& reply);
    /// The messages of a `history` array, skipping (and logging) malformed entries.
    static QList<ChatMessage> messages(const QJsonValue& array);
};
