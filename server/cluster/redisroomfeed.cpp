#include "redisroomfeed.h"

#include "clusterlogging.h"
#include "rediskeys.h"
#include "redislink.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimeZone>

RedisRoomFeed::RedisRoomFeed(RedisLink* commands, RedisLink* subscriber, QObject* parent)
    : QObject(parent)
    , m_commands(commands)
    , m_subscriber(subscriber)
{
    subscriber->psubscribe(
        RedisKeys::channelPrefix() + '*',
        [this](const QByteArray& channel, const QByteArray& data) { onPublished(channel, data); });
    // Messages may have been published while either link was down: read every room's seq
    // again once both are up, and fill the gaps from the streams.
    connect(subscriber, &RedisLink::connected, this, &RedisRoomFeed::resync);
    connect(commands, &RedisLink::connected, this, &RedisRoomFeed::resync);
    connect(subscriber, &RedisLink::disconnected, this, [this] { setSynced(false); });
    connect(commands, &RedisLink::disconnected, this, [this] { setSynced(false); });
}

void RedisRoomFeed::setSink(Sink sink, Interest interest)
{
    m_sink = std::move(sink);
    m_interest = std::move(interest);
}

bool RedisRoomFeed::decode(const QByteArray& json, ChatMessage* out)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    QString reason;
    return document.isObject() && ChatMessage::fromJson(document.object(), out, &reason);
}

QList<ChatMessage> RedisRoomFeed::entries(const RedisReply& reply)
{
    QList<ChatMessage> messages;
    for (const RedisReply& entry : reply.elements) {
        if (entry.elements.size() < 2)
            continue;
        const QList<RedisReply>& fields = entry.elements[1].elements;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
            ChatMessage message;
            if (fields[i].string == "m" && decode(fields[i + 1].string, &message))
                messages.append(message);
        }
    }
    return messages;
}

void RedisRoomFeed::onPublished(const QByteArray& channel, const QByteArray& data)
{
    if (!channel.startsWith(RedisKeys::channelPrefix()) || data.size() < 2 || data[1] != '|')
        return;
    const QString room = QString::fromUtf8(channel.mid(RedisKeys::channelPrefix().size()));
    if (data[0] == RedisKeys::EventPayload) {
        if (m_events)
            m_events(room, data.mid(2));
        return;
    }
    ChatMessage message;
    if (data[0] != RedisKeys::MessagePayload || !decode(data.mid(2), &message) ||
        message.room != room) {
        qCWarning(lcCluster) << "ignored a malformed payload on" << channel;
        return;
    }
    ingest(message);
}

void RedisRoomFeed::ingest(const ChatMessage& message)
{
    Room& room = m_rooms[message.room];
    if (message.seq <= room.seq)
        return; // delivered already (our own append's echo, or read from a gap)
    room.waiting.insert(message.seq, message);
    drain(message.room);
}

void RedisRoomFeed::drain(const QString& name)
{
    Room& room = m_rooms[name];
    bool advanced = false;
    while (!room.waiting.isEmpty() && room.waiting.firstKey() <= room.seq + 1) {
        const ChatMessage message = room.waiting.take(room.waiting.firstKey());
        if (message.seq <= room.seq)
            continue;
        room.seq = message.seq;
        room.lastAt = message.ts;
        advanced = true;
        if (m_sink)
            m_sink(message); // may not touch m_rooms' structure: the sink only delivers
    }
    if (!room.waiting.isEmpty() && !room.reading) {
        if (m_interest && !m_interest(name)) {
            // Nobody here to deliver the missing ones to: skip to what we have.
            room.seq = room.waiting.firstKey() - 1;
            drain(name);
            return;
        }
        readGap(name, room.waiting.firstKey() - 1);
    }
    if (advanced)
        Q_EMIT this->advanced(name);
}

void RedisRoomFeed::readGap(const QString& name, qint64 to)
{
    Room& room = m_rooms[name];
    const qint64 from = room.seq + 1;
    room.reading = true;
    qCDebug(lcCluster) << "reading the gap" << from << to << "of" << name;
    const QPointer<RedisRoomFeed> self(this);
    m_commands->command({"XRANGE", RedisKeys::history(name), QByteArray::number(from) + "-0",
                         QByteArray::number(to) + "-0"},
                        [self, name, to](const RedisReply& reply) {
                            if (!self)
                                return;
                            Room& room = self->m_rooms[name];
                            room.reading = false;
                            if (!reply.ok())
                                return; // read again by resync() once the link is back
                            const QList<ChatMessage> read = entries(reply);
                            for (const ChatMessage& message : read) {
                                if (message.seq > room.seq)
                                    room.waiting.insert(message.seq, message);
                            }
                            // What the stream no longer holds (trimmed, purged) is skipped.
                            const qint64 firstHeld = read.isEmpty() ? to + 1 : read.first().seq;
                            if (firstHeld > room.seq + 1)
                                room.seq = firstHeld - 1;
                            self->drain(name);
                        });
}

qint64 RedisRoomFeed::lastSeq(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.constEnd() ? 0 : it->seq;
}

QList<StoredRoom> RedisRoomFeed::rooms() const
{
    QList<StoredRoom> rooms;
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        if (it->seq > 0)
            rooms.append(StoredRoom{it.key(), it->seq, it->lastAt});
    }
    return rooms;
}

void RedisRoomFeed::resync()
{
    if (!m_commands->isConnected() || !m_subscriber->isConnected())
        return;
    const quint64 generation = ++m_resyncGeneration;
    const QPointer<RedisRoomFeed> self(this);
    m_commands->command(
        {"HGETALL", RedisKeys::seqHash()}, [self, generation](const RedisReply& seqs) {
            if (!self || generation != self->m_resyncGeneration)
                return;
            self->m_commands->command({"HGETALL", RedisKeys::lastHash()},
                                      [self, generation, seqs](const RedisReply& lasts) {
                                          if (self && generation == self->m_resyncGeneration)
                                              self->onSeqs(seqs, lasts);
                                      });
        });
}

void RedisRoomFeed::onSeqs(const RedisReply& seqs, const RedisReply& lasts)
{
    if (!seqs.ok() || !lasts.ok())
        return; // the link went down again: resync() runs on the next connection
    QHash<QString, QDateTime> lastAt;
    for (qsizetype i = 0; i + 1 < lasts.elements.size(); i += 2)
        lastAt.insert(QString::fromUtf8(lasts.elements[i].string),
                      QDateTime::fromMSecsSinceEpoch(lasts.elements[i + 1].string.toLongLong(),
                                                     QTimeZone::utc()));
    for (qsizetype i = 0; i + 1 < seqs.elements.size(); i += 2) {
        const QString name = QString::fromUtf8(seqs.elements[i].string);
        const qint64 seq = seqs.elements[i + 1].string.toLongLong();
        Room& room = m_rooms[name];
        if (seq <= room.seq)
            continue;
        room.lastAt = lastAt.value(name, room.lastAt);
        if (m_interest && m_interest(name)) {
            // Members here missed these: read them from the stream.
            qCInfo(lcCluster) << "catching up" << name << "from" << room.seq + 1 << "to" << seq;
            if (!room.reading)
                readGap(name, seq);
        } else {
            room.seq = seq;
            room.waiting.clear();
        }
    }
    setSynced(true);
}

void RedisRoomFeed::setSynced(bool synced)
{
    if (synced == m_synced)
        return;
    m_synced = synced;
    Q_EMIT syncedChanged(synced);
}
