#include "replypayloads.h"

#include "jsontext.h"

namespace {

QJsonObject ok(std::initializer_list<std::pair<QString, QJsonValue>> fields)
{
    QJsonObject object{{QStringLiteral("ok"), true}};
    for (const auto& [key, value] : fields)
        object.insert(key, value);
    return object;
}

} // namespace

QByteArray ReplyPayloads::join(const JoinAnswer& answer)
{
    return joined(answer, QJsonObject{{QStringLiteral("ok"), true}});
}

QByteArray ReplyPayloads::joined(const JoinAnswer& answer, QJsonObject head)
{
    head.insert(QStringLiteral("room"), answer.room);
    head.insert(QStringLiteral("history"), messages(answer.history.messages));
    head.insert(QStringLiteral("last_seq"), answer.history.lastSeq);
    head.insert(QStringLiteral("truncated"), answer.history.truncated);
    // The members array is kept as text by the registry (O(room size) to write anew).
    return JsonText::withMember(head, QLatin1StringView("members"), answer.membersJson);
}

QJsonObject ReplyPayloads::leave(const LeaveAnswer& answer)
{
    return ok({{QStringLiteral("room"), answer.room}});
}

QJsonObject ReplyPayloads::send(const SendAnswer& answer)
{
    return ok({{QStringLiteral("message"), answer.message.toJson()}});
}

QJsonObject ReplyPayloads::history(const HistoryAnswer& answer)
{
    return ok({{QStringLiteral("room"), answer.room},
               {QStringLiteral("history"), messages(answer.history.messages)},
               {QStringLiteral("has_more"), answer.history.hasMore}});
}

QJsonObject ReplyPayloads::typing()
{
    return ok({});
}

QJsonObject ReplyPayloads::roomList(const QList<RoomSummary>& rooms)
{
    QJsonArray array;
    for (const RoomSummary& summary : rooms)
        array.append(summary.toJson());
    return ok({{QStringLiteral("rooms"), array}});
}

QJsonArray ReplyPayloads::messages(const QList<ChatMessage>& messages)
{
    QJsonArray array;
    for (const ChatMessage& message : messages)
        array.append(message.toJson());
    return array;
}
