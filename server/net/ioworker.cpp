#include "ioworker.h"

#include "netlogging.h"
#include "streamevents.h"
#include "taskevent.h"
#include "websocketstream.h"

#include <QTimer>

#include <algorithm>
#include <unistd.h>

IoWorker::IoWorker(StreamEvents* events, const ConnectionLimits& limits, QObject* parent)
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

void IoWorker::post(Command&& command)
{
    bool wake = false;
    {
        std::lock_guard lock(m_inboxMutex);
        m_inbox.push_back(std::move(command));
        wake = !std::exchange(m_inboxPosted, true);
    }
    if (wake)
        TaskEvent::post(this, [this] { drainInbox(); });
}

bool IoWorker::event(QEvent* event)
{
    return TaskEvent::runIf(event) || QObject::event(event);
}

void IoWorker::drainInbox()
{
    std::vector<Command> batch;
    {
        std::lock_guard lock(m_inboxMutex);
        batch.swap(m_inbox);
        m_inboxPosted = false;
    }
    for (Command& command : batch)
        execute(command);
}

void IoWorker::execute(Command& command)
{
    using Kind = Command::Kind;
    switch (command.kind) {
    case Kind::Adopt:
        adopt(command);
        return;
    case Kind::StartReading:
        if (WebSocketStream* stream = find(command.id))
            stream->startReading(command.bytes);
        return;
    case Kind::Send:
    case Kind::SendReply:
        send(command.id, command.bytes, command.kind == Kind::SendReply);
        return;
    case Kind::Close:
        if (WebSocketStream* stream = find(command.id))
            stream->close(command.code, command.reason);
        return;
    case Kind::Abort:
        if (WebSocketStream* stream = find(command.id))
            finish(stream, QString());
        return;
    case Kind::Join:
        join(command.group, command.id);
        return;
    case Kind::Leave:
        if (WebSocketStream* stream = find(command.id))
            leave(command.group, stream);
        return;
    case Kind::Publish:
        publish(command.group, command.bytes, command.id);
        return;
    }
}

void IoWorker::adopt(Command& command)
{
    auto* stream = new WebSocketStream(this, command.id, command.fd, m_limits.maxMessageBytes,
                                       std::move(command.unsent));
    m_streams.emplace(command.id, stream);
    stream->send(command.bytes);
}

WebSocketStream* IoWorker::find(quint64 id) const
{
    const auto it = m_streams.find(id);
    return it == m_streams.end() ? nullptr : it->second;
}

int IoWorker::groupSize(quint64 group) const
{
    const auto it = m_groups.find(group);
    return it == m_groups.end() ? 0 : int(it->second.size());
}

void IoWorker::send(quint64 id, const QByteArray& frame, bool reply)
{
    WebSocketStream* stream = find(id);
    if (!stream)
        return;
    stream->send(frame);
    // A reply (an ack, a join answer) goes out before this turn's broadcasts to others:
    // the client waiting for it is not kept waiting behind a whole room's fan-out.
    if (reply && !stream->replyQueued && stream->state() != WebSocketStream::State::Finished) {
        stream->replyQueued = true;
        m_replyFlushList.push_back(stream);
    }
}

void IoWorker::join(quint64 group, quint64 id)
{
    WebSocketStream* stream = find(id);
    if (!stream || stream->groups().contains(group))
        return;
    stream->groups().append(group);
    m_groups[group].push_back(stream);
}

void IoWorker::leave(quint64 group, WebSocketStream* stream)
{
    if (stream->groups().removeOne(group))
        removeFromGroup(group, stream);
}

void IoWorker::removeFromGroup(quint64 group, WebSocketStream* stream)
{
    const auto it = m_groups.find(group);
    if (it == m_groups.end())
        return;
    std::vector<WebSocketStream*>& members = it->second;
    members.erase(std::find(members.begin(), members.end(), stream));
    if (members.empty())
        m_groups.erase(it);
}

void IoWorker::publish(quint64 group, const QByteArray& frame, quint64 exceptId)
{
    const auto it = m_groups.find(group);
    if (it == m_groups.end())
        return;
    for (WebSocketStream* stream : it->second) {
        if (stream->id() != exceptId)
            stream->send(frame);
    }
}

void IoWorker::messageReceived(WebSocketStream* stream, WebSocketOpcode opcode,
                               const QByteArray& payload)
{
    switch (opcode) {
    case WebSocketOpcode::Text:
        m_events->textReceived(stream->id(), payload);
        return;
    case WebSocketOpcode::Pong:
        m_events->pongReceived(stream->id());
        return;
    default:
        m_events->binaryReceived(stream->id(), payload);
        return;
    }
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
    const qint64 now = m_clock.elapsed();
    for (size_t i = 0; i < m_flushList.size(); ++i) {
        WebSocketStream* stream = m_flushList[i];
        stream->flushQueued = false;
        if (stream->state() == WebSocketStream::State::Finished)
            continue;
        stream->flush();
        // The slow-consumer rule looks after a flush: what is left, the kernel did not take.
        if (!stream->slowConsumer.watching() &&
            stream->state() != WebSocketStream::State::Finished &&
            stream->slowConsumer.observe(stream->unsentBytes(), now, m_limits) ==
                SlowConsumerPolicy::Verdict::Watch)
            watch(stream);
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
            qCDebug(lcNet) << "peer did not answer the close frame in time; dropping it";
            finish(stream, QString());
            continue;
        }
        if (stream->slowConsumer.watching() &&
            stream->slowConsumer.observe(stream->unsentBytes(), now, m_limits) ==
                SlowConsumerPolicy::Verdict::Drop) {
            qCWarning(lcNet).nospace() << "dropping a slow consumer: " << stream->unsentBytes()
                                       << " unsent bytes, over the " << m_limits.maxUnsentBytes
                                       << "-byte send buffer limit";
            finish(stream, QStringLiteral("slow consumer"));
            continue;
        }
        if (!stream->slowConsumer.watching() && stream->state() == WebSocketStream::State::Open) {
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
    const QList<quint64> groups = std::exchange(stream->groups(), QList<quint64>());
    for (const quint64 group : groups)
        removeFromGroup(group, stream);
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
    m_groups.clear();
    m_flushList.clear();
    m_replyFlushList.clear();
    m_watched.clear();
    if (m_sweepTimer)
        m_sweepTimer->stop();
    std::lock_guard lock(m_inboxMutex);
    for (Command& command : m_inbox) {
        if (command.kind == Command::Kind::Adopt && command.fd >= 0)
            ::close(command.fd); // never adopted
    }
    m_inbox.clear();
}
