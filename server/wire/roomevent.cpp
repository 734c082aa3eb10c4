#include "roomevent.h"

const QString& roomOf(const RoomEvent& event)
{
    return std::visit([](const auto& value) -> const QString& { return value.room; }, event);
}
