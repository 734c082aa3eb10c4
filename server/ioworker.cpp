#include "ioworker.h"

#include "serverlogging.h"
#include "streamevents.h"
#include "websocketstream.h"

#include <QTimer>

#include <algorithm>

IoWorker::IoWorker(StreamEvents* events, const Limits& limits, QObject* parent)
    : QObject(parent)
    , m_events(events)
    , m_limits(limits)
    , m_readBuffer(std::make_unique<char[]>(ReadBufferBytes))
{
    m_clock.start();
}

IoWorker::~IoWorker()
{
    shutdown();
}

void IoWorker::adopt(quint64 id, int fd, const QByteArray& handshakeResponse,
                     std::shared_ptr<std::atomic<qint64>> unsentBytes)
{
    auto* stream =
        new WebSocketStream(this, id, fd, m_limits.maxMessageBytes, std::move(unsentBytes));
    m_streams.emplace(id, stream);
    stream->send(handshakeResponse);
}

void IoWorker::startReading(quint64 id, const QByteArray& input)
{
    if (WebSocketStream* stream = find(id))
        stream->startReading(input);
}

WebSocketStream* IoWorker::find(quint64 id) const
{
    const auto it = m_streams.find(id);
    return it == m_streams.end() ? nullptr : it->second;
}

void IoWorker::send(quint64 id, const QByteArray& frame)
{
    WebSocketStream* stream = find(id);
    if (!stream)
        return;
    stream->send(frame);
    // A reply (an ack, a join answer) goes out before this turn's broadcasts to others:
    // the client waiting for it is not kept waiting behind a whole room's fan-out.
    if (!stream->replyQueued && stream->state() != WebSocketStream::State::Finished) {
        stream->replyQueued = true;
        m_replyFlushList.push_back(stream);
    }
}

void IoWorker::close(quint64 id, quint16 code, const QString& reason)
{
    if (WebSocketStream* stream = find(id))
        stream->close(code, reason);
}

void IoWorker::abort(quint64 id)
{
    if (WebSocketStream* stream = find(id))
        finish(stream, QString());
}

void IoWorker::subscribe(const QString& room, quint64 id)
{
    WebSocketStream* stream = find(id);
    if (!stream || stream->rooms().contains(room))
        return;
    stream->rooms().append(room);
    m_rooms[room].append(stream);
}

void IoWorker::unsubscribe(const QString& room, quint64 id)
{
    WebSocketStream* stream = find(id);
    if (stream && stream->rooms().removeOne(room))
        removeFromRoom(room, stream);
}

void IoWorker::removeFromRoom(const QString& room, WebSocketStream* stream)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->removeOne(stream);
    if (it->isEmpty())
        m_rooms.erase(it);
}

int IoWorker::publish(const QString& room, const QByteArray& frame, quint64 exceptId)
{
    const auto it = m_rooms.constFind(room);
    if (it == m_rooms.constEnd())
        return 0;
    int count = 0;
    for (WebSocketStream* stream : *it) {
        if (stream->id() == exceptId)
            continue;
        stream->send(frame);
        ++count;
    }
    return count;
}

void IoWorker::scheduleFlush(WebSocketStream* stream)
{
    if (stream->flushQueued)
        return;
    stream->flushQueued = true;
    m_flushList.push_back(stream);
    postFlush();
}

void IoWorker::postFlush()
{
    if (m_flushPosted)
        return;
    m_flushPosted = true;
    // Runs at the start of the next event-loop turn, after every socket that was ready in
    // this one has been read: frames queued meanwhile share one writev() per connection.
    QMetaObject::invokeMethod(this, &IoWorker::flushAll, Qt::QueuedConnection);
}

void IoWorker::flushAll()
{
    m_flushPosted = false;
    for (size_t i = 0; i < m_replyFlushList.size(); ++i) {
        WebSocketStream* stream = m_replyFlushList[i];
        stream->replyQueued = false;
        if (stream->state() != WebSocketStream::State::Finished)
            stream->flush();
    }
    m_replyFlushList.clear();
    // By index: a finished stream's handlers may queue frames on others meanwhile.
    for (size_t i = 0; i < m_flushList.size(); ++i) {
        WebSocketStream* stream = m_flushList[i];
        stream->flushQueued = false;
        if (stream->state() == WebSocketStream::State::Finished)
            continue;
        stream->flush();
        if (m_limits.sendBufferBytes > 0 && stream->unsentBytes() > m_limits.sendBufferBytes &&
            stream->overLimitLookBytes < 0 && stream->state() != WebSocketStream::State::Finished) {
            stream->overLimitLookBytes = stream->unsentBytes();
            stream->overLimitLookAtMs = m_clock.elapsed();
            watch(stream);
        }
    }
    m_flushList.clear();
    for (WebSocketStream* stream : m_dead)
        delete stream;
    m_dead.clear();
}

void IoWorker::watchClosing(WebSocketStream* stream)
{
    stream->closeDeadlineMs = m_clock.elapsed() + m_limits.closeDeadlineMs;
    watch(stream);
}

void IoWorker::watch(WebSocketStream* stream)
{
    if (!stream->watched) {
        stream->watched = true;
        m_watched.append(stream);
    }
    if (!m_sweepTimer) {
        m_sweepTimer = new QTimer(this);
        const int shortest =
            std::min(m_limits.closeDeadlineMs, std::max(1, m_limits.slowConsumerGraceMs));
        m_sweepTimer->setInterval(std::clamp(shortest / 4, 10, 1000));
        connect(m_sweepTimer, &QTimer::timeout, this, &IoWorker::sweep);
    }
    if (!m_sweepTimer->isActive())
        m_sweepTimer->start();
}

void IoWorker::sweep()
{
    const qint64 now = m_clock.elapsed();
    const QList<WebSocketStream*> watched = m_watched; // finish() edits m_watched
    for (WebSocketStream* stream : watched) {
        if (stream->state() == WebSocketStream::State::Finished)
            continue;
        if (stream->state() == WebSocketStream::State::Closing && now >= stream->closeDeadlineMs) {
            qCDebug(lcServerNet) << "peer did not answer the close frame in time; dropping it";
            finish(stream, QString());
            continue;
        }
        if (stream->overLimitLookBytes >= 0) {
            const qint64 unsent = stream->unsentBytes();
            if (unsent <= m_limits.sendBufferBytes) {
                stream->overLimitLookBytes = -1;
            } else if (now - stream->overLimitLookAtMs >= m_limits.slowConsumerGraceMs) {
                if (unsent < stream->overLimitLookBytes) { // draining: look again later
                    stream->overLimitLookBytes = unsent;
                    stream->overLimitLookAtMs = now;
                } else {
                    qCWarning(lcServerNet).nospace()
                        << "dropping a slow consumer: " << unsent << " unsent bytes, over the "
                        << m_limits.sendBufferBytes << "-byte send buffer limit";
                    finish(stream, QStringLiteral("slow consumer"));
                    continue;
                }
            }
        }
        if (stream->overLimitLookBytes < 0 && stream->state() == WebSocketStream::State::Open) {
            stream->watched = false;
            m_watched.removeOne(stream);
        }
    }
    if (m_watched.isEmpty())
        m_sweepTimer->stop();
}

void IoWorker::finish(WebSocketStream* stream, const QString& dropReason)
{
    const auto it = m_streams.find(stream->id());
    if (it == m_streams.end() || it->second != stream)
        return;
    m_streams.erase(it);
    for (const QString& room : std::as_const(stream->rooms()))
        removeFromRoom(room, stream);
    stream->rooms() = QList<QString>();
    if (stream->watched) {
        stream->watched = false;
        m_watched.removeOne(stream);
    }
    stream->shutDown();
    m_dead.push_back(stream);
    postFlush(); // deletes it, outside of its own handlers
    m_events->finished(stream->id(), dropReason);
}

void IoWorker::shutdown()
{
    for (const auto& [id, stream] : m_streams)
        delete stream;
    m_streams.clear();
    for (WebSocketStream* stream : m_dead)
        delete stream;
    m_dead.clear();
    m_rooms.clear();
    m_flushList.clear();
    m_replyFlushList.clear();
    m_watched.clear();
    if (m_sweepTimer)
        m_sweepTimer->stop();
}
