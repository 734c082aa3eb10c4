#include "typingevent.h"

QJsonObject TypingEvent::toJson() const
{
    return QJsonObject{{QStringLiteral("room"), room},
                       {QStringLiteral("user_id"), userId},
                       {QStringLiteral("handle"), handle},
                       {QStringLiteral("typing"), typing}};
}
