#include "websocketstream.h"

#include "netlogging.h"
#include "streamhost.h"
#include "websocketframewriter.h"

#include <QEvent>
#include <QSocketNotifier>
#include <QtEndian>

#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace {
// Buffers per writev(); more are written by the next call of the same flush.
constexpr int IovecBatch = 64;
// Reads per readiness report: bounded, so one busy peer cannot starve the others.
constexpr int ReadsPerWakeUp = 4;

// A socket notifier that calls into its stream directly: no signal-slot connection object
// per notifier (memory per idle connection).
class StreamNotifier final : public QSocketNotifier
{
public:
    StreamNotifier(WebSocketStream* stream, int fd, Type type)
        : QSocketNotifier(fd, type)
        , m_stream(stream)
    {}

protected:
    bool event(QEvent* event) override
    {
        if (event->type() != QEvent::SockAct)
            return QSocketNotifier::event(event);
        if (type() == Read)
            m_stream->onReadable();
        else
            m_stream->onWritable();
        return true;
    }

private:
    WebSocketStream* const m_stream;
};
} // namespace

WebSocketStream::WebSocketStream(StreamHost* host, quint64 id, int fd, qint64 maxMessageBytes,
                                 std::shared_ptr<std::atomic<qint64>> unsentBytes)
    : m_host(host)
    , m_id(id)
    , m_fd(fd)
    , m_parser(maxMessageBytes)
    , m_unsentShared(std::move(unsentBytes))
{
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK))
        ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
}

WebSocketStream::~WebSocketStream()
{
    shutDown();
    delete m_readNotifier;
    delete m_writeNotifier;
}

void WebSocketStream::startReading(const QByteArray& input)
{
    if (m_readNotifier || m_state == State::Finished)
        return;
    if (!input.isEmpty()) {
        process(input);
        if (m_state == State::Finished)
            return;
    }
    m_readNotifier = new StreamNotifier(this, m_fd, QSocketNotifier::Read);
}

void WebSocketStream::send(const QByteArray& frame)
{
    if (m_state == State::Open)
        enqueue(frame);
}

void WebSocketStream::enqueue(const QByteArray& bytes)
{
    m_out.append(bytes);
    m_unsent += bytes.size();
    publishUnsent();
    m_host->scheduleFlush(this);
}

void WebSocketStream::close(quint16 code, QStringView reason)
{
    if (m_state != State::Open)
        return;
    enqueue(WebSocketFrameWriter::closeFrame(code, reason));
    m_state = State::Closing;
    m_host->watchClosing(this);
}

void WebSocketStream::closeAfterFlush(const QByteArray& closeFrame)
{
    enqueue(closeFrame);
    m_state = State::Closing;
    m_finishWhenFlushed = true;
}

void WebSocketStream::onReadable()
{
    char* buffer = m_host->readBuffer();
    for (int round = 0; round < ReadsPerWakeUp; ++round) {
        const ssize_t count = ::read(m_fd, buffer, StreamHost::ReadBufferBytes);
        if (count > 0) {
            process(QByteArrayView(buffer, count));
            if (m_state == State::Finished || count < StreamHost::ReadBufferBytes)
                return;
            continue;
        }
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        // 0: the peer closed its side (without a close frame, or after ours); < 0: reset.
        m_host->finish(this, QString());
        return;
    }
}

void WebSocketStream::process(QByteArrayView bytes)
{
    QList<WebSocketFrameParser::Message> messages;
    const bool ok = m_parser.feed(bytes, &messages);
    for (WebSocketFrameParser::Message& message : messages) {
        handle(message);
        if (m_state == State::Finished)
            return;
    }
    if (!ok && m_state == State::Open) {
        qCDebug(lcNet).nospace() << "closing a WebSocket with " << m_parser.errorCode() << ": "
                                 << m_parser.errorReason();
        closeAfterFlush(
            WebSocketFrameWriter::closeFrame(m_parser.errorCode(), m_parser.errorReason()));
    }
}

void WebSocketStream::handle(WebSocketFrameParser::Message& message)
{
    switch (message.opcode) {
    case WebSocketOpcode::Text:
    case WebSocketOpcode::Binary:
        if (m_state == State::Open)
            m_host->messageReceived(this, message.opcode, message.data);
        return;
    case WebSocketOpcode::Ping:
        if (m_state == State::Open)
            enqueue(WebSocketFrameWriter::frame(WebSocketOpcode::Pong, message.data));
        return;
    case WebSocketOpcode::Close:
        if (m_state == State::Open) {
            // RFC 6455 §5.5.1: answer with a close frame, echoing the status code.
            QByteArray echo =
                message.data.size() >= 2
                    ? WebSocketFrameWriter::frame(WebSocketOpcode::Close, message.data.first(2))
                    : WebSocketFrameWriter::frame(WebSocketOpcode::Close, {});
            closeAfterFlush(echo);
        } else if (!m_finishWhenFlushed) {
            m_host->finish(this, QString()); // the answer to our close
        }
        return;
    case WebSocketOpcode::Pong:
        if (m_state == State::Open)
            m_host->messageReceived(this, message.opcode, message.data);
        return;
    case WebSocketOpcode::Continuation:
        return;
    }
}

void WebSocketStream::flush()
{
    while (!m_out.isEmpty() && m_state != State::Finished) {
        iovec vectors[IovecBatch];
        int count = 0;
        for (const QByteArray& bytes : std::as_const(m_out)) {
            const qsizetype skip = count == 0 ? m_headOffset : 0;
            vectors[count].iov_base = const_cast<char*>(bytes.constData() + skip);
            vectors[count].iov_len = size_t(bytes.size() - skip);
            if (++count == IovecBatch)
                break;
        }
        // sendmsg() rather than writev(): MSG_NOSIGNAL turns a write to a reset peer into
        // EPIPE instead of a SIGPIPE that would end the process.
        msghdr header{};
        header.msg_iov = vectors;
        header.msg_iovlen = size_t(count);
        const ssize_t written = ::sendmsg(m_fd, &header, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                publishUnsent(); // what is left, for bytesToWrite() on the main thread
                setWriteNotifier(true);
                return;
            }
            m_host->finish(this, QString()); // EPIPE, ECONNRESET: the peer is gone
            return;
        }
        m_unsent -= written;
        qsizetype left = written;
        qsizetype done = 0;
        while (done < m_out.size() && left >= m_out.at(done).size() - m_headOffset) {
            left -= m_out.at(done).size() - m_headOffset;
            m_headOffset = 0;
            ++done;
        }
        m_out.remove(0, done);
        m_headOffset += left;
    }
    publishUnsent();
    if (m_state == State::Finished)
        return;
    // Everything written: give the list's memory back (an idle connection holds none).
    m_out = QList<QByteArray>();
    m_headOffset = 0;
    setWriteNotifier(false);
    if (m_finishWhenFlushed)
        m_host->finish(this, QString());
}

void WebSocketStream::onWritable()
{
    flush();
}

void WebSocketStream::setWriteNotifier(bool enabled)
{
    if (enabled && !m_writeNotifier)
        m_writeNotifier = new StreamNotifier(this, m_fd, QSocketNotifier::Write);
    else if (m_writeNotifier && m_writeNotifier->isEnabled() != enabled)
        m_writeNotifier->setEnabled(enabled);
}

void WebSocketStream::shutDown()
{
    m_state = State::Finished;
    // Notifiers are disabled (leaving the epoll set) before the descriptor is closed, and
    // deleted with the stream, never from inside their own event handler.
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_out = QList<QByteArray>();
    m_unsent = 0;
    publishUnsent();
}
