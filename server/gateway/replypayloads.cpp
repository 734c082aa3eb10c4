#include "replypayloads.h"

#include "jsonwriter.h"
#include "messagejson.h"

#include <QJsonArray>

namespace {

/// The members of a join answer (shared by the ack, the seed event and /ws's message).
QByteArray writeJoin(const JoinAnswer& answer, bool ok, QLatin1StringView type)
{
    QByteArray text;
    text.reserve(128 + answer.membersJson.size() + 256 * answer.history.messages.size());
    JsonWriter json(&text);
    json.beginObject();
    json.key(QLatin1StringView("history"));
    MessageJson::writeArray(&json, answer.history.messages);
    json.key(QLatin1StringView("last_seq"));
    json.integer(answer.history.lastSeq);
    // The members array is kept as text by the registry (O(room size) to write anew).
    json.key(QLatin1StringView("members"));
    json.raw(answer.membersJson);
    if (ok) {
        json.key(QLatin1StringView("ok"));
        json.boolean(true);
    }
    json.key(QLatin1StringView("room"));
    json.string(answer.room);
    json.key(QLatin1StringView("truncated"));
    json.boolean(answer.history.truncated);
    if (!type.isEmpty()) {
        json.key(QLatin1StringView("type"));
        json.asciiString(type);
    }
    json.endObject();
    return text;
}

QByteArray writeHistory(const HistoryAnswer& answer, bool ok, QLatin1StringView type)
{
    QByteArray text;
    text.reserve(64 + 256 * answer.history.messages.size());
    JsonWriter json(&text);
    json.beginObject();
    json.key(QLatin1StringView("has_more"));
    json.boolean(answer.history.hasMore);
    json.key(QLatin1StringView("history"));
    MessageJson::writeArray(&json, answer.history.messages);
    if (ok) {
        json.key(QLatin1StringView("ok"));
        json.boolean(true);
    }
    json.key(QLatin1StringView("room"));
    json.string(answer.room);
    if (!type.isEmpty()) {
        json.key(QLatin1StringView("type"));
        json.asciiString(type);
    }
    json.endObject();
    return text;
}

} // namespace

QByteArray ReplyPayloads::join(const JoinAnswer& answer)
{
    return writeJoin(answer, true, {});
}

QByteArray ReplyPayloads::joined(const JoinAnswer& answer, QLatin1StringView type)
{
    return writeJoin(answer, false, type);
}

QByteArray ReplyPayloads::leave(const LeaveAnswer& answer)
{
    QByteArray text;
    JsonWriter json(&text);
    json.beginObject();
    json.key(QLatin1StringView("ok"));
    json.boolean(true);
    json.key(QLatin1StringView("room"));
    json.string(answer.room);
    json.endObject();
    return text;
}

QByteArray ReplyPayloads::send(const SendAnswer& answer)
{
    QByteArray text;
    text.reserve(256);
    JsonWriter json(&text);
    json.beginObject();
    json.key(QLatin1StringView("message"));
    MessageJson::write(&json, answer.message);
    json.key(QLatin1StringView("ok"));
    json.boolean(true);
    json.endObject();
    return text;
}

QByteArray ReplyPayloads::history(const HistoryAnswer& answer)
{
    return writeHistory(answer, true, {});
}

QByteArray ReplyPayloads::historyEvent(const HistoryAnswer& answer, QLatin1StringView type)
{
    return writeHistory(answer, false, type);
}

QByteArray ReplyPayloads::typing()
{
    return QByteArrayLiteral("{\"ok\":true}");
}

QJsonObject ReplyPayloads::roomList(const QList<RoomSummary>& rooms)
{
    QJsonArray array;
    for (const RoomSummary& summary : rooms)
        array.append(summary.toJson());
    return QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("rooms"), array}};
}
