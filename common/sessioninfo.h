#pragma once

#include <QJsonObject>
#include <QString>

/**
 * The `session` event the server emits right after CONNECT:
 * `{"user_id","handle","token","resumed"}`. Source: shared protocol, "Identity".
 */
struct SessionInfo
{
    QString userId; ///< public, stable id of the anonymous identity ("u_...")
    QString handle; ///< friendly name derived from userId
    QString token;  ///< secret resume token; send it back in CONNECT to resume
    bool resumed = false;

    QJsonObject toJson() const;
    /// @return false unless user_id, handle and token are non-empty strings.
    static bool fromJson(const QJsonObject& object, SessionInfo* out);
};
