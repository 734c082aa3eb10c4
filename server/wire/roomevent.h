#pragma once

#include "chatmessage.h"
#include "presenceevent.h"
#include "typingevent.h"

#include <variant>

/**
 * Something that happened in a room and reaches its members as a broadcast: a stored
 * message, a presence change (user_joined / user_left) or a typing indicator. A value, free
 * of any wire format; EventEncoder writes it in each.
 */
using RoomEvent = std::variant<ChatMessage, PresenceEvent, TypingEvent>;

/// The room @p event happened in.
const QString& roomOf(const RoomEvent& event);
