#pragma once

#include "chatreply.h"
#include "roomsummary.h"

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QList>

/**
 * The success payloads of the contract's acks (shared protocol, "Client -> server events",
 * "ack on success"), written from the chat core's answers. Pure functions. Those on the
 * per-packet path are written with JsonWriter, members sorted by name as QJsonDocument
 * writes them (docs/benchmarks.md, "JSON on the hot path").
 */
class ReplyPayloads
{
public:
    /**
     * join_room: `{"history":[...],"last_seq","members":[...],"ok":true,"room","truncated"}`
     * as compact JSON text, with the members array the registry keeps as text spliced in.
     */
    static QByteArray join(const JoinAnswer& answer);
    /**
     * The same fields without `ok`, as the seed names' `joined` event carries them, or with
     * @p type as `/ws`'s `{"type":"joined",...}` does (shared protocol 1.1). Compact JSON text.
     * @param type the /ws format's `type` value, none when empty
     */
    static QByteArray joined(const JoinAnswer& answer, QLatin1StringView type = {});
    /// leave_room: `{"ok":true,"room"}`, compact JSON text.
    static QByteArray leave(const LeaveAnswer& answer);
    /// send_message: `{"message":{...},"ok":true}`, compact JSON text.
    static QByteArray send(const SendAnswer& answer);
    /// history: `{"has_more","history":[...],"ok":true,"room"}`, compact JSON text.
    static QByteArray history(const HistoryAnswer& answer);
    /**
     * The history answer as `/ws` sends it: `{"has_more","history":[...],"room","type"}`.
     * @param type the /ws format's `type` value ("history")
     */
    static QByteArray historyEvent(const HistoryAnswer& answer, QLatin1StringView type);
    /// typing: `{"ok":true}`, compact JSON text.
    static QByteArray typing();
    /// list_rooms and GET /rooms: `{"ok":true,"rooms":[{"room","members","last_activity"}]}`.
    static QJsonObject roomList(const QList<RoomSummary>& rooms);
};
