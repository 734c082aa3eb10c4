#include "pollingconnection.h"

#include "engineiologging.h"
#include "engineiorequestcheck.h"
#include "httpconnection.h"
#include "httprequest.h"
#include "pollingpayload.h"

#include <QTimerEvent>

namespace {

HttpResponse packetsResponse(const QByteArray& body)
{
    HttpResponse response;
    response.contentType = "text/plain; charset=UTF-8"; // as the reference server
    response.body = body;
    return response;
}

} // namespace

PollingConnection::PollingConnection(const QString& sid, const QHostAddress& peer,
                                     const ConnectionLimits& limits, QObject* parent)
    : ClientConnection(parent)
    , m_sid(sid)
    , m_peer(peer)
    , m_limits(limits)
{
    m_clock.start();
}

PollingConnection::~PollingConnection()
{
    if (m_webSocket) {
        disconnect(m_webSocket, nullptr, this, nullptr);
        delete m_webSocket;
    }
    if (m_get)
        m_get->abort();
}

void PollingConnection::sendText(const QByteArray& utf8, Urgency urgency)
{
    if (m_closing || m_state == State::Closed)
        return;
    if (m_state == State::Upgraded) {
        m_webSocket->sendText(utf8, urgency);
        return;
    }
    m_queue.append(utf8);
    m_queuedBytes += utf8.size();
    if (m_get)
        scheduleFlush();
    checkSlowConsumer();
}

void PollingConnection::close(quint16 code, const QString& reason)
{
    if (m_state == State::Closed || m_closing)
        return;
    if (m_state == State::Upgraded) {
        m_webSocket->close(code, reason);
        return;
    }
    m_closing = true;
    if (m_webSocket)
        dropProbe();
    if (m_get) {
        flush();
        return;
    }
    m_closeDeadline.start(m_limits.closeDeadlineMs, this);
}

void PollingConnection::abort()
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Upgraded) {
        m_webSocket->abort();
        return;
    }
    if (m_get)
        m_get->abort();
    m_queue.clear();
    m_queuedBytes = 0;
    finish();
}

void PollingConnection::sendPing()
{
    if (m_wasUpgraded && m_webSocket && !m_closing)
        m_webSocket->sendPing();
}

qint64 PollingConnection::bytesToWrite() const
{
    return m_wasUpgraded && m_webSocket ? m_webSocket->bytesToWrite() : m_queuedBytes;
}

QString PollingConnection::dropReason() const
{
    if (m_dropReason.isEmpty() && m_wasUpgraded && m_webSocket)
        return m_webSocket->dropReason();
    return m_dropReason;
}

void PollingConnection::poll(HttpExchange* get)
{
    if (m_state == State::Closed || m_state == State::Upgraded) {
        get->respond(EngineIoRequestCheck::error(3, "Bad request"));
        return;
    }
    if (m_get) {
        // The reference server's "overlap from client": the session ends.
        qCDebug(lcEngineIo) << "session" << m_sid << "sent a second GET; closing";
        get->respond(EngineIoRequestCheck::error(3, "Bad request"));
        m_dropReason = QStringLiteral("polling overlap");
        m_closing = true;
        flush();
        return;
    }
    m_get = get;
    if (!m_queue.isEmpty() || m_closing)
        flush();
    else if (m_state == State::Upgrading)
        answerGet(QByteArrayLiteral("6"));
}

void PollingConnection::post(HttpExchange* post)
{
    const HttpRequest& request = post->request();
    if (m_state == State::Closed || m_state == State::Upgraded) {
        post->respond(EngineIoRequestCheck::error(3, "Bad request"));
        return;
    }
    if (request.bodyTooLarge || request.body.size() > m_limits.maxMessageBytes) {
        qCDebug(lcEngineIo) << "session" << m_sid << "posted more than maxPayload; closing";
        post->respond(HttpResponse::text(413, "payload over maxPayload\n"));
        m_dropReason = QStringLiteral("message too large");
        close(1009, m_dropReason);
        return;
    }
    QList<QByteArray> packets;
    QString error;
    if (!PollingPayload::decode(request.body, &packets, &error)) {
        post->respond(EngineIoRequestCheck::error(3, "Bad request"));
        m_dropReason = QStringLiteral("invalid utf8");
        close(1007, m_dropReason);
        return;
    }
    HttpResponse ok;
    ok.contentType = "text/html"; // as the reference server answers a POST
    ok.body = QByteArrayLiteral("ok");
    post->respond(ok);
    QPointer<PollingConnection> alive(this);
    for (const QByteArray& packet : std::as_const(packets)) {
        if (!alive || m_closing || m_state == State::Closed)
            break;
        Q_EMIT textReceived(packet);
        // The client's Engine.IO close: it will not poll again, so the session ends now
        // rather than at the close deadline (as the reference server's polling transport).
        if (alive && m_closing && m_state != State::Closed && !m_get &&
            packet == QByteArrayView("1"))
            finish();
    }
}

void PollingConnection::upgradeTo(ClientConnection* webSocket)
{
    if (m_state != State::Polling || m_closing || m_webSocket) {
        qCDebug(lcEngineIo) << "session" << m_sid << "cannot upgrade now; dropping the WebSocket";
        webSocket->abort();
        webSocket->deleteLater();
        return;
    }
    m_webSocket = webSocket;
    connect(webSocket, &ClientConnection::textReceived, this, &PollingConnection::onWebSocketText);
    connect(webSocket, &ClientConnection::binaryReceived, this, [this](const QByteArray& data) {
        if (m_state == State::Upgraded)
            Q_EMIT binaryReceived(data);
        else
            dropProbe();
    });
    connect(webSocket, &ClientConnection::disconnected, this, &PollingConnection::onWebSocketGone);
    m_upgradeDeadline.start(UpgradeTimeoutMs, this);
}

void PollingConnection::timerEvent(QTimerEvent* event)
{
    if (event->timerId() == m_slowLook.timerId()) {
        m_slowLook.stop();
        checkSlowConsumer();
    } else if (event->timerId() == m_closeDeadline.timerId()) {
        m_closeDeadline.stop();
        finish();
    } else if (event->timerId() == m_upgradeDeadline.timerId()) {
        m_upgradeDeadline.stop();
        qCDebug(lcEngineIo) << "session" << m_sid << "did not complete its upgrade in time";
        dropProbe();
    } else {
        ClientConnection::timerEvent(event);
    }
}

void PollingConnection::scheduleFlush()
{
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    // At the end of this turn, so that what the turn queues goes out in one answer.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_flushScheduled = false;
            if (m_get && !m_queue.isEmpty() && m_state != State::Upgraded)
                flush();
        },
        Qt::QueuedConnection);
}

void PollingConnection::flush()
{
    if (m_closing)
        m_queue.append(QByteArrayLiteral("1"));
    answerGet(PollingPayload::encode(m_queue));
    m_queue.clear();
    m_queuedBytes = 0;
    checkSlowConsumer();
    if (m_closing)
        finish();
}

void PollingConnection::answerGet(const QByteArray& body)
{
    if (!m_get)
        return;
    HttpExchange* get = m_get;
    m_get = nullptr;
    get->respond(packetsResponse(body));
}

void PollingConnection::checkSlowConsumer()
{
    switch (m_slow.observe(m_queuedBytes, m_clock.elapsed(), m_limits)) {
    case SlowConsumerPolicy::Verdict::Fine:
        m_slowLook.stop();
        return;
    case SlowConsumerPolicy::Verdict::Watch:
        if (!m_slowLook.isActive())
            m_slowLook.start(
                int(std::max<qint64>(1, m_slow.nextLookAtMs(m_limits) - m_clock.elapsed())), this);
        return;
    case SlowConsumerPolicy::Verdict::Drop:
        qCInfo(lcEngineIo) << "polling session" << m_sid << "does not fetch its packets; dropping";
        m_dropReason = QStringLiteral("slow consumer");
        abort();
        return;
    }
}

void PollingConnection::onWebSocketText(const QByteArray& utf8)
{
    if (m_state == State::Upgraded) {
        Q_EMIT textReceived(utf8);
        return;
    }
    if (m_state == State::Polling && utf8 == "2probe") {
        m_webSocket->sendText(QByteArrayLiteral("3probe"), Urgency::Reply);
        m_state = State::Upgrading;
        // The reference server's "fast upgrade": the client's pending GET ends now.
        if (m_get && m_queue.isEmpty())
            answerGet(QByteArrayLiteral("6"));
        return;
    }
    if (m_state == State::Upgrading && utf8 == "5") {
        completeUpgrade();
        return;
    }
    qCDebug(lcEngineIo) << "session" << m_sid << "sent an unexpected packet while probing";
    dropProbe();
}

void PollingConnection::completeUpgrade()
{
    m_upgradeDeadline.stop();
    m_slowLook.stop();
    m_state = State::Upgraded;
    m_wasUpgraded = true;
    qCDebug(lcEngineIo) << "session" << m_sid << "upgraded to websocket";
    answerGet(QByteArrayLiteral("6"));
    for (const QByteArray& packet : std::as_const(m_queue))
        m_webSocket->sendText(packet);
    m_queue.clear();
    m_queuedBytes = 0;
    Q_EMIT upgraded();
}

void PollingConnection::onWebSocketGone()
{
    if (m_state == State::Upgraded) {
        finish();
        return;
    }
    qCDebug(lcEngineIo) << "session" << m_sid << "lost its probing WebSocket; polling goes on";
    dropProbe();
}

void PollingConnection::dropProbe()
{
    if (!m_webSocket)
        return;
    m_upgradeDeadline.stop();
    disconnect(m_webSocket, nullptr, this, nullptr);
    m_webSocket->abort();
    m_webSocket->deleteLater();
    m_webSocket = nullptr;
    if (m_state == State::Upgrading)
        m_state = State::Polling;
}

void PollingConnection::finish()
{
    if (m_state == State::Closed)
        return;
    const bool upgraded = m_state == State::Upgraded;
    m_state = State::Closed;
    m_slowLook.stop();
    m_closeDeadline.stop();
    m_upgradeDeadline.stop();
    if (!upgraded)
        dropProbe();
    QMetaObject::invokeMethod(this, &ClientConnection::disconnected, Qt::QueuedConnection);
}
