#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

/**
 * A stored chat message as the `message` event and acks carry it:
 * `{"room","seq","id","user_id","handle","text","ts","client_id"}`.
 * Source: shared protocol, "Server -> client events".
 */
struct ChatMessage
{
    QString room;     ///< canonical room name
    qint64 seq = 0;   ///< 1-based, gapless per room; 0 = not stored yet
    QString id;       ///< server message id, "m_..."
    QString userId;   ///< author's public id, "u_..."
    QString handle;   ///< author's anonymous handle
    QString text;     ///< plain text, 1-4000 code points
    QDateTime ts;     ///< server receive time (UTC, ms precision)
    QString clientId; ///< sender's idempotency key; empty when none (null on the wire)

    /// The wire object; `client_id` is null when clientId is empty.
    QJsonObject toJson() const;
    /**
     * Parses the wire object.
     * @return false, with a reason in @p error, when a field is missing or of the wrong type
     *         (room, id, user_id, handle, text, ts strings; seq a positive integer).
     */
    static bool fromJson(const QJsonObject& object, ChatMessage* out, QString* error);

    friend bool operator==(const ChatMessage&, const ChatMessage&) = default;
};
