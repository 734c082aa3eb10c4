#pragma once

#include <QJsonObject>
#include <QString>

/// A `typing` event: `{"room","user_id","handle","typing"}` (shared protocol).
struct TypingEvent
{
    QString room;
    QString userId;
    QString handle;
    bool typing = false;

    /// The wire object.
    QJsonObject toJson() const;
};
