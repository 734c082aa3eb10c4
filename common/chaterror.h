#pragma once

#include <QJsonObject>
#include <QString>

/**
 * An application error as the contract's error acks and `error` events carry it:
 * `{"code":"rate_limited","message":"...","retry_after_ms":1500}`.
 * Source: shared protocol, "Error ack".
 */
struct ChatError
{
    /// The contract's error codes; the wire names are the snake_case of these.
    enum class Code {
        InvalidPayload,
        InvalidRoom,
        NotInRoom,
        EmptyMessage,
        MessageTooLong,
        RateLimited,
        TooManyRooms,
        ServerBusy,
    };

    Code code = Code::InvalidPayload;
    /// Human-readable English explanation for logs and UIs.
    QString message;
    /// Milliseconds to wait before retrying; negative when not applicable (omitted on the wire).
    qint64 retryAfterMs = -1;

    /// Wire name of @p code, e.g. "invalid_room".
    static QString codeName(Code code);
    /// Parses a wire name; returns false for an unknown name.
    static bool codeFromName(const QString& name, Code* code);

    /// `{"code","message"[,"retry_after_ms"]}`.
    QJsonObject toJson() const;
    /// `{"ok":false,"error":toJson()}`: the error form of every ack.
    QJsonObject toAck() const;
    /**
     * Parses `{"code","message"[,"retry_after_ms"]}`.
     * @return false when code is missing or unknown.
     */
    static bool fromJson(const QJsonObject& object, ChatError* out);
};
