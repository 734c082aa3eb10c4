#pragma once

#include "chaterror.h"
#include "chatmessage.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

/**
 * The messages the user sent that the server has not acknowledged yet, per room, oldest
 * first, and their sending. Each carries the random client_id it is sent with every time,
 * so the server deduplicates a re-send (shared protocol, "send_message": `client_id`).
 *
 * Life of an entry: add() when the user sends; flush() sends what is ready as
 * `send_message` (in flight until answered); the ack removes it and emits delivered(); so
 * does remove() for its `message` broadcast or a join's history carrying its client_id.
 * connectionLost() forgets what was in flight, so the next flush() (after the rejoin) sends
 * it once more. A refusal for good parks it as failed until retry(); `rate_limited` holds
 * the room back for retry_after_ms and emits retryDue() when the time is up; `not_in_room`
 * emits membershipLost() so the room is joined again.
 *
 * On disk (setStorageFile()): every change is written at once, atomically, so a message
 * typed and not yet acknowledged when the app quits or crashes is shown as pending and
 * sent once, with its client_id, after the next start (issue 18). Format and checks:
 * OutboxFile.
 */
class SocketIoClient;

class Outbox : public QObject
{
    Q_OBJECT

public:
    struct Entry
    {
        QString clientId;    ///< "c-" + 32 hex digits
        QString room;        ///< canonical room name
        QString text;        ///< as typed (already validated)
        QDateTime createdAt; ///< local time the user sent it
        bool failed = false; ///< refused by the server; waits for retry (setFailed(false))

        friend bool operator==(const Entry&, const Entry&) = default;
    };

    /// @param connection sends go out there; not owned, must outlive this object.
    explicit Outbox(SocketIoClient* connection, QObject* parent = nullptr);
    ~Outbox() override;

    /// The outbox file of the user: "outbox.json" under QStandardPaths::AppDataLocation.
    static QString defaultStorageFile();

    /**
     * Keeps the entries in @p path from now on: reads the entries saved there (appended to
     * those in memory, none twice) and rewrites the file after every change.
     * @return false, with a warning logged, when the file exists but cannot be read or is
     *         not an outbox file (it is then overwritten at the next change); true when
     *         read or absent.
     */
    bool setStorageFile(const QString& path);
    QString storageFile() const { return m_path; }

    /// Rooms with entries, in the order first used.
    QStringList rooms() const;

    /// A new random client_id: "c-" followed by 32 lower-case hex digits (a UUID's 128 bits).
    static QString newClientId();

    /**
     * Why @p text cannot be sent, as a user-readable, translated sentence; empty when it
     * can. Rules (shared protocol, "send_message"): not blank, at most
     * ChatText::MaxMessageCodePoints code points, no lone surrogates.
     */
    static QString refusal(const QString& text);

    /**
     * Queues @p text for @p room with a new client_id.
     * @return the entry added (its clientId is what the message is sent with).
     */
    Entry add(const QString& room, const QString& text, const QDateTime& createdAt);

    /**
     * Drops the entry @p clientId: acknowledged (or no longer wanted).
     * @return true when there was one.
     */
    bool remove(const QString& clientId);

    /// Drops every entry of @p room (the room was left) and its rate-limit hold.
    void removeRoom(const QString& room);

    /// True when an entry with @p clientId is queued.
    bool contains(const QString& clientId) const;

    /// Entries of @p room (failed ones included), oldest first.
    QList<Entry> entries(const QString& room) const;

    /// Every entry, oldest first within each room (rooms in the order first used).
    QList<Entry> allEntries() const;

    /**
     * Entries of @p room to send now: not failed, not in flight, and nothing at all while
     * the room is held back by defer().
     */
    QList<Entry> readyToSend(const QString& room) const;

    /**
     * Sends readyToSend(@p room) as `send_message` events, in order; each is in flight
     * until answered. Call once the room is joined on a ready connection.
     * @return how many were sent (0 when not connected).
     */
    int flush(const QString& room);

    /// True while a `send_message` of @p clientId waits for its ack on this connection.
    bool isInFlight(const QString& clientId) const;
    /// The connection dropped: nothing is in flight any more (acks will never come).
    void connectionLost();

    /// Marks @p clientId as refused for good (@p failed) or as to be sent again.
    void setFailed(const QString& clientId, bool failed);
    /// Makes the failed entry @p clientId pending again; flush() sends it.
    void retry(const QString& clientId) { setFailed(clientId, false); }

    /**
     * Holds @p room back for @p delayMs milliseconds (the server's retry_after_ms), after
     * which retryDue(room) is emitted once. A later call replaces the time.
     */
    void defer(const QString& room, int delayMs);
    /// Milliseconds until the hold of @p room ends; 0 when not held.
    int msUntilRetry(const QString& room) const;

Q_SIGNALS:
    /// The server stored @p message (its ack); the entry is gone from the outbox.
    void delivered(const ChatMessage& message);
    /// The server refused @p clientId of @p room for good; it stays, failed.
    void failed(const QString& room, const QString& clientId, const ChatError& error);
    /// The server rate-limited @p room; retryDue() follows in @p retryAfterMs ms.
    void delayed(const QString& room, int retryAfterMs);
    /// The rate-limit hold of @p room ended: flush() it again.
    void retryDue(const QString& room);
    /// The server says we are not in @p room (`not_in_room`): join it again, then flush().
    void membershipLost(const QString& room);

private:
    int indexOf(const QString& clientId) const;
    void save() const;
    void onAck(const QString& room, const QString& clientId, bool acked, const QJsonValue& reply);

    SocketIoClient* m_connection;
    QString m_path;                     // empty: memory only
    QList<Entry> m_entries;             // oldest first
    QSet<QString> m_inFlight;           // client ids sent on this connection, not yet answered
    QHash<QString, qint64> m_holdUntil; // room -> m_clock ms when its hold ends
    QElapsedTimer m_clock;
};
