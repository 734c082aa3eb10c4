#pragma once

#include <QLatin1StringView>
#include <QList>

class JsonWriter;
struct ChatMessage;

/**
 * A stored message as the contract's JSON object
 * `{"client_id","handle","id","room","seq","text","ts","type"?,"user_id"}` (shared protocol,
 * "Server -> client events"), written with JsonWriter for the per-packet frames: the
 * `message` broadcast, the send_message ack and the history of join and history answers.
 * Members come in QJsonObject's order (sorted by name), so the bytes are those
 * QJsonDocument writes for ChatMessage::toJson() (tests/server/tst_eventencoder and
 * tst_replypayloads compare them). Pure functions.
 */
class MessageJson
{
public:
    /**
     * Writes @p message as one JSON object; `client_id` is null when the message has none.
     * @param type the /ws format's `type` member (e.g. "message"), none when empty
     */
    static void write(JsonWriter* json, const ChatMessage& message, QLatin1StringView type = {});
    /// Writes @p messages as a JSON array of write()'s objects, in the order given.
    static void writeArray(JsonWriter* json, const QList<ChatMessage>& messages);
};
