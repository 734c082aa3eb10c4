#include "redismessagestore.h"

#include "clusterlogging.h"
#include "randomid.h"
#include "rediskeys.h"
#include "redislink.h"
#include "redisroomfeed.h"

#include <QJsonDocument>
#include <QPointer>

namespace {

// KEYS: seq hash, room stream, last-time hash, room channel[, dedup key]
// ARGV: room, message JSON without its closing brace and seq, MAXLEN, dedup TTL ms, ts ms
// Returns {1, original JSON} for a duplicate, {0, stored JSON} otherwise.
constexpr char AppendScript[] = R"lua(
if #KEYS >= 5 then
  local original = redis.call('GET', KEYS[5])
  if original then return {1, original} end
end
local seq = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
local message = ARGV[2] .. ',"seq":' .. seq .. '}'
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[3], seq .. '-0', 'm', message)
redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
if #KEYS >= 5 then redis.call('SET', KEYS[5], message, 'PX', ARGV[4]) end
redis.call('PUBLISH', KEYS[4], 'm|' .. message)
return {0, message}
)lua";

QByteArray number(qint64 value)
{
    return QByteArray::number(value);
}

} // namespace

RedisMessageStore::RedisMessageStore(RedisLink* link, RedisRoomFeed* feed, int historyLimit,
                                     QObject* parent)
    : QObject(parent)
    , m_link(link)
    , m_feed(feed)
    , m_historyLimit(std::max(1, historyLimit))
{
    connect(feed, &RedisRoomFeed::advanced, this, &RedisMessageStore::pump);
}

RedisMessageStore::~RedisMessageStore() = default;

void RedisMessageStore::append(const MessageDraft& draft, AppendCallback done)
{
    ChatMessage message;
    message.room = draft.room;
    message.id = RandomId::generate(QStringLiteral("m_"), 16);
    message.userId = draft.userId;
    message.handle = draft.handle;
    message.text = draft.text;
    message.ts = draft.ts;
    message.clientId = draft.clientId;
    QJsonObject object = message.toJson();
    object.remove(QStringLiteral("seq"));
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    json.chop(1); // the script appends ,"seq":N}

    QList<QByteArray> args{"EVAL",
                           AppendScript,
                           draft.clientId.isEmpty() ? "4" : "5",
                           RedisKeys::seqHash(),
                           RedisKeys::history(draft.room),
                           RedisKeys::lastHash(),
                           RedisKeys::channel(draft.room)};
    if (!draft.clientId.isEmpty())
        args.append(RedisKeys::dedup(draft.userId, draft.clientId));
    args += {draft.room.toUtf8(), json, number(m_historyLimit), number(DedupWindowMs),
             number(draft.ts.toMSecsSinceEpoch())};

    m_pending.push_back(Pending{message, false, false, std::move(done)});
    m_pending.back().stored.seq = 0;
    Pending* pending = &m_pending.back(); // std::deque: stable while others are pushed/popped
    const QPointer<RedisMessageStore> self(this);
    m_link->command(args, [self, pending](const RedisReply& reply) {
        if (self)
            self->onScript(pending, reply);
    });
}

void RedisMessageStore::onScript(Pending* pending, const RedisReply& reply)
{
    pending->answered = true;
    ChatMessage stored;
    if (reply.type == RedisReply::Type::Array && reply.elements.size() == 2 &&
        RedisRoomFeed::decode(reply.elements[1].string, &stored)) {
        pending->stored = stored;
        pending->duplicate = reply.elements[0].integer == 1;
        if (!pending->duplicate)
            m_feed->ingest(stored); // usually delivers it at once (pump() follows)
    } else {
        if (reply.type == RedisReply::Type::Error)
            qCWarning(lcCluster) << "append script failed:" << reply.string;
        pending->stored.seq = 0; // not known to be stored: server_busy, the client retries
    }
    pump();
}

void RedisMessageStore::pump()
{
    if (m_pumping)
        return; // a callback appended or delivered: the loop below sees it
    m_pumping = true;
    while (!m_pending.empty()) {
        Pending& front = m_pending.front();
        if (!front.answered)
            break;
        const bool delivered = front.stored.seq == 0 || front.duplicate ||
                               m_feed->lastSeq(front.stored.room) >= front.stored.seq;
        if (!delivered)
            break; // the feed is reading a gap before it
        const Pending done = std::move(front);
        m_pending.pop_front();
        done.done(done.stored, done.duplicate);
    }
    m_pumping = false;
}

bool RedisMessageStore::findByClientId(const QString& userId, const QString& clientId,
                                       const QDateTime& now, ChatMessage* out) const
{
    Q_UNUSED(userId);
    Q_UNUSED(clientId);
    Q_UNUSED(now);
    Q_UNUSED(out);
    return false; // the append script answers retries, atomically and cluster-wide
}

qint64 RedisMessageStore::lastSeq(const QString& room) const
{
    return m_feed->lastSeq(room);
}

void RedisMessageStore::messagesAfter(const QString& room, qint64 since, HistoryCallback done)
{
    const qint64 last = lastSeq(room);
    if (since >= last) {
        HistorySlice slice;
        slice.lastSeq = last;
        done(slice);
        return;
    }
    m_link->command(
        {"XRANGE", RedisKeys::history(room), number(since + 1) + "-0", number(last) + "-0"},
        [since, last, done = std::move(done)](const RedisReply& reply) {
            HistorySlice slice;
            slice.lastSeq = last;
            slice.messages = RedisRoomFeed::entries(reply);
            // Redis unreachable counts as "no longer stored here": the client
            // reads the rest with history once it is back.
            slice.truncated = !reply.ok() || slice.messages.isEmpty() ||
                              slice.messages.constFirst().seq != since + 1;
            done(slice);
        });
}

void RedisMessageStore::messagesBefore(const QString& room, qint64 before, int limit,
                                       HistoryCallback done)
{
    const qint64 last = lastSeq(room);
    const qint64 upper = std::min(before - 1, last);
    if (upper < 1 || limit <= 0) {
        HistorySlice slice;
        slice.lastSeq = last;
        slice.hasMore = false;
        done(slice);
        return;
    }
    m_link->command({"XREVRANGE", RedisKeys::history(room), number(upper) + "-0", "-", "COUNT",
                     number(qint64(limit) + 1)},
                    [last, limit, done = std::move(done)](const RedisReply& reply) {
                        HistorySlice slice;
                        slice.lastSeq = last;
                        // Redis lost meanwhile: not "no history", which the client
                        // would believe; it reads it with history once Redis is back.
                        slice.truncated = !reply.ok();
                        QList<ChatMessage> newestFirst = RedisRoomFeed::entries(reply);
                        slice.hasMore = newestFirst.size() > limit;
                        if (slice.hasMore)
                            newestFirst.resize(limit);
                        slice.messages.reserve(newestFirst.size());
                        for (auto it = newestFirst.crbegin(); it != newestFirst.crend(); ++it)
                            slice.messages.append(*it);
                        done(slice);
                    });
}

QList<StoredRoom> RedisMessageStore::rooms() const
{
    return m_feed->rooms();
}

void RedisMessageStore::purgeRoom(const QString& room)
{
    // The seq stays in chat:seq, so later messages continue after it.
    m_link->command({"DEL", RedisKeys::history(room)}, [room](const RedisReply& reply) {
        if (!reply.ok())
            qCWarning(lcCluster) << "purge of" << room << "failed: Redis unreachable";
    });
}

void RedisMessageStore::flush(std::function<void()> done)
{
    done();
}

bool RedisMessageStore::isAvailable() const
{
    return m_link->isConnected() && m_feed->isSynced();
}
