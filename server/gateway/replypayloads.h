#pragma once

#include "chatreply.h"
#include "roomsummary.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

/**
 * The success payloads of the contract's acks (shared protocol, "Client -> server events",
 * "ack on success"), written from the chat core's answers. Pure functions.
 */
class ReplyPayloads
{
public:
    /**
     * join_room: `{"members":[...],"ok":true,"room","history":[...],"last_seq","truncated"}`
     * as compact JSON text, with the members array the registry keeps as text spliced in.
     */
    static QByteArray join(const JoinAnswer& answer);
    /**
     * The same fields without `ok`, as the seed names' `joined` event and `/ws`'s
     * `{"type":"joined",...}` carry them (shared protocol 1.1), after the fields of @p head
     * (e.g. `{"type":"joined"}`). Compact JSON text.
     */
    static QByteArray joined(const JoinAnswer& answer, QJsonObject head = {});
    /// leave_room: `{"ok":true,"room"}`.
    static QJsonObject leave(const LeaveAnswer& answer);
    /// send_message: `{"ok":true,"message":{...}}`.
    static QJsonObject send(const SendAnswer& answer);
    /// history: `{"ok":true,"room","history":[...],"has_more"}`.
    static QJsonObject history(const HistoryAnswer& answer);
    /// typing: `{"ok":true}`.
    static QJsonObject typing();
    /// list_rooms and GET /rooms: `{"ok":true,"rooms":[{"room","members","last_activity"}]}`.
    static QJsonObject roomList(const QList<RoomSummary>& rooms);
    /// Messages as a JSON array, in the order given.
    static QJsonArray messages(const QList<ChatMessage>& messages);
};
