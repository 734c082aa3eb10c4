#pragma once

#include "chaterror.h"

#include <QJsonValue>
#include <QString>

/**
 * Validates the payloads of client events (shared protocol, "Client -> server events",
 * "Rooms", "Text") into plain structs, or says which contract error applies:
 * invalid_payload for a wrong shape or field type (and lone surrogates in text),
 * invalid_room for a bad room name, empty_message / message_too_long for text.
 * Message text is cleaned with ChatText::sanitized() (control characters removed, NFC)
 * before its blank and length checks.
 * Unknown extra fields are ignored. Pure functions: no state, no I/O.
 */
class RequestParser
{
public:
    /// Longest accepted client_id, in UTF-16 units.
    static constexpr int MaxClientIdLength = 128;
    /// history: default and largest page size.
    static constexpr int DefaultHistoryLimit = 50;
    static constexpr int MaxHistoryLimit = 100;

    struct JoinRoom
    {
        QString room;      ///< canonical
        qint64 since = -1; ///< -1 when absent
    };
    struct RoomOnly ///< leave_room
    {
        QString room;
    };
    struct SendMessage
    {
        QString room;
        QString text;     ///< sanitized (ChatText::sanitized)
        QString clientId; ///< empty when absent
    };
    struct History
    {
        QString room;
        qint64 before = -1; ///< exclusive upper seq bound; -1 when absent (from the newest)
        int limit = DefaultHistoryLimit; ///< clamped to 1..MaxHistoryLimit
    };
    struct Typing
    {
        QString room;
        bool typing = false;
    };

    /// `{"room":string,"since"?:integer >= 0|null}`.
    static bool parseJoinRoom(const QJsonValue& payload, JoinRoom* out, ChatError* error);
    /// `{"room":string}`.
    static bool parseLeaveRoom(const QJsonValue& payload, RoomOnly* out, ChatError* error);
    /// `{"room":string,"text":string,"client_id"?:string|null}`.
    static bool parseSendMessage(const QJsonValue& payload, SendMessage* out, ChatError* error);
    /// `{}` or no argument at all (socket.emit("list_rooms", callback) sends none).
    static bool parseListRooms(const QJsonValue& payload, ChatError* error);
    /// `{"room":string,"before"?:integer >= 1|null,"limit"?:integer|null}`.
    static bool parseHistory(const QJsonValue& payload, History* out, ChatError* error);
    /// `{"room":string,"typing":bool}`.
    static bool parseTyping(const QJsonValue& payload, Typing* out, ChatError* error);

    /// True when @p value is a JSON number holding an integer in [0, 2^53 - 1].
    static bool isNonNegativeInteger(const QJsonValue& value);
};
