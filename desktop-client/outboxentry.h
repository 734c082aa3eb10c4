#pragma once

#include <QDateTime>
#include <QString>

/**
 * One message of the Outbox: typed, not yet acknowledged by the server. Also what
 * OutboxFile keeps on disk.
 */
struct OutboxEntry
{
    QString clientId;    ///< "c-" + 32 hex digits
    QString room;        ///< canonical room name
    QString text;        ///< as typed (already validated)
    QDateTime createdAt; ///< local time the user sent it
    bool failed = false; ///< refused by the server; waits for retry (setFailed(false))

    friend bool operator==(const OutboxEntry&, const OutboxEntry&) = default;

    /**
     * Why @p text cannot be sent, as a user-readable, translated sentence; empty when it
     * can. Rules (shared protocol, "send_message"): not blank, at most
     * ChatText::MaxMessageCodePoints code points, no lone surrogates.
     */
    static QString refusal(const QString& text);
};
