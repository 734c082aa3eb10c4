#pragma once

#include "chaterror.h"
#include "chatmessage.h"
#include "messagestore.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

/**
 * What a chat request is answered with: a value on success, the contract's error
 * otherwise. The dialect that asked writes either in its own way (an ack, an event).
 */
template <typename T>
class ChatResult
{
public:
    ChatResult(T value)
        : m_value(std::move(value))
    {}
    ChatResult(ChatError error)
        : m_error(std::move(error))
    {}

    bool ok() const { return m_value.has_value(); }
    /// The answer; only when ok().
    const T& value() const { return *m_value; }
    /// The refusal; only when !ok().
    const ChatError& error() const { return m_error; }

private:
    std::optional<T> m_value;
    ChatError m_error;
};

/**
 * Called once with a request's result; for requests answered later (storage), only while
 * the connection that asked is still there.
 */
template <typename T>
using ChatReply = std::function<void(const ChatResult<T>& result)>;

/// join_room: the room's members and the history, with no gap to later broadcasts.
struct JoinAnswer
{
    QString room;
    HistorySlice history;   ///< messages, last_seq, truncated
    QByteArray membersJson; ///< `[{"handle","user_id"},...]`, compact JSON (RoomRegistry)
};

/// leave_room.
struct LeaveAnswer
{
    QString room;
};

/// send_message: the stored message (the original for a retry with the same client_id).
struct SendAnswer
{
    ChatMessage message;
    bool retry = false; ///< a repeat of a stored client_id: nothing was broadcast
};

/// history.
struct HistoryAnswer
{
    QString room;
    HistorySlice history; ///< messages, has_more
};

/// typing: nothing but success.
struct TypingAnswer
{};
