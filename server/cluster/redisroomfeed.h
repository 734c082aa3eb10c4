#pragma once

#include "chatmessage.h"
#include "messagestore.h"

#include <QHash>
#include <QMap>
#include <QObject>

#include <functional>

class RedisLink;
struct RedisReply;

/**
 * The stored messages of every room as this node sees them, in seq order, without gaps or
 * repeats: what the rooms' Pub/Sub channels carry, what this node's own appends return,
 * and, where a gap shows (a message published while the subscription was down, or one
 * whose echo has not come yet), what the room's history stream holds in between.
 * Each message reaches the sink once, in seq order per room; lastSeq() is the last one
 * handed to the sink, so a reader that subscribes when lastSeq() equals the history it
 * read gets every later message exactly once (the MessageStore consistency contract).
 *
 * After (re)connecting it reads every room's seq from Redis; rooms() and lastSeq() are
 * right once isSynced(). Other payloads of the channels go to the event handler.
 */
class RedisRoomFeed : public QObject
{
    Q_OBJECT

public:
    using Sink = std::function<void(const ChatMessage& message)>;
    using EventHandler = std::function<void(const QString& room, const QByteArray& payload)>;
    using Interest = std::function<bool(const QString& room)>;

    /// @p commands and @p subscriber (not yet subscribed) must outlive the feed.
    RedisRoomFeed(RedisLink* commands, RedisLink* subscriber, QObject* parent = nullptr);

    /// Where messages go (the local fan-out); @p interest says which rooms have members
    /// here: a gap in any other room is skipped, not read.
    void setSink(Sink sink, Interest interest);
    /// Where the channels' other payloads ("e|...") go.
    void setEventHandler(EventHandler handler) { m_events = std::move(handler); }

    /// Takes a message this node stored (the append script's answer).
    void ingest(const ChatMessage& message);

    /// The last seq of @p room handed to the sink (0 when none).
    qint64 lastSeq(const QString& room) const;
    /// Rooms with messages, with their last seq and time.
    QList<StoredRoom> rooms() const;
    /// Parses a stored message's JSON (as the append script writes it).
    static bool decode(const QByteArray& json, ChatMessage* out);
    /// The messages of an XRANGE/XREVRANGE reply of a history stream, in reply order.
    static QList<ChatMessage> entries(const RedisReply& reply);

    /// True once every room's seq was read after the latest (re)connection.
    bool isSynced() const { return m_synced; }

Q_SIGNALS:
    /// lastSeq() of @p room grew.
    void advanced(const QString& room);
    /// isSynced() changed.
    void syncedChanged(bool synced);

private:
    struct Room
    {
        qint64 seq = 0;
        QDateTime lastAt;
        QMap<qint64, ChatMessage> waiting; ///< ahead of seq + 1, by seq
        bool reading = false;              ///< a gap read is on its way
    };

    void onPublished(const QByteArray& channel, const QByteArray& data);
    void resync();
    void onSeqs(const RedisReply& seqs, const RedisReply& lasts);
    void drain(const QString& room);
    /// Reads @p room's stream from lastSeq() + 1 to @p to into waiting, then drains.
    void readGap(const QString& room, qint64 to);
    void setSynced(bool synced);

    RedisLink* m_commands;
    RedisLink* m_subscriber;
    Sink m_sink;
    Interest m_interest;
    EventHandler m_events;
    QHash<QString, Room> m_rooms;
    bool m_synced = false;
    quint64 m_resyncGeneration = 0;
};
