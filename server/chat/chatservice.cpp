#include "chatservice.h"

#include "chatlogging.h"
#include "chatpeer.h"
#include "identityservice.h"
#include "servermetrics.h"

#include <QDateTime>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace {

/// The metrics label of a close reason: "ping timeout" -> "ping_timeout"; none: the peer left.
QByteArray closeReasonLabel(const QString& reason)
{
    if (reason.isEmpty())
        return "client_gone";
    QByteArray label = reason.toLatin1().toLower();
    for (char& c : label) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            c = '_';
    }
    return label;
}

} // namespace

ChatService::ChatService(const ChatSettings& settings, MessageStore* store, RoomFanout* fanout,
                         IdentityService* identity, ServerMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_identity(identity)
    , m_metrics(metrics)
    , m_typing(settings, &m_participants, fanout, metrics)
    , m_rooms(settings, &m_participants, store, fanout, &m_typing, metrics)
    , m_messages(&m_participants, store, fanout, metrics)
{}

ChatService::~ChatService()
{
    closeAllNow();
}

quint64 ChatService::attach(ChatPeer* peer)
{
    if (m_shuttingDown) {
        peer->deleteLater();
        return 0;
    }
    peer->setParent(this);
    const Participant& participant =
        m_participants.add(peer, {m_settings.messageRate, m_settings.messageBurst,
                                  m_settings.requestRate, m_settings.requestBurst});
    ++m_metrics->connectionsTotal;
    qCDebug(lcSession) << "connection" << participant.id << "from" << peer->peerAddress();
    return participant.id;
}

void ChatService::peerClosed(quint64 id)
{
    // Queued: a close can be reported from deep inside a handler or a broadcast loop; the
    // participant must stay valid until those have returned.
    QMetaObject::invokeMethod(
        this, [this, id] { onClosed(id); }, Qt::QueuedConnection);
}

SessionInfo ChatService::identify(quint64 id, const QString& token)
{
    Participant* participant = m_participants.find(id);
    if (!participant)
        return SessionInfo();
    const SessionInfo info = m_identity->resolve(token, QDateTime::currentSecsSinceEpoch());
    participant->identity = info;
    // The resume token goes out once, in the `session` event; kept, it would cost ~0.2 KiB per
    // connection for nothing (docs/benchmarks.md, "Memory per idle connection").
    participant->identity.token.clear();
    participant->identified = true;
    qCInfo(lcSession) << "connection" << id << "is" << info.userId
                      << (info.resumed ? "(resumed)" : "(new)");
    return info;
}

void ChatService::endSession(quint64 id)
{
    if (Participant* participant = m_participants.find(id)) {
        m_rooms.dropAll(*participant);
        participant->identified = false;
    }
}

QJsonArray ChatService::connectionList() const
{
    QJsonArray array;
    for (const auto& [id, participant] : m_participants) {
        QStringList rooms(participant->rooms.cbegin(), participant->rooms.cend());
        rooms.sort();
        const bool identified = participant->identified;
        array.append(QJsonObject{
            {QStringLiteral("id"), qint64(id)},
            {QStringLiteral("user_id"), identified ? participant->identity.userId : QString()},
            {QStringLiteral("handle"), identified ? participant->identity.handle : QString()},
            {QStringLiteral("address"), participant->peer->peerAddress().toString()},
            {QStringLiteral("rooms"), QJsonArray::fromStringList(rooms)},
            {QStringLiteral("connected_ms"), m_participants.nowMs() - participant->connectedAtMs}});
    }
    return array;
}

int ChatService::kick(const ConnectionFilter& filter, const QString& reason)
{
    QList<QPointer<ChatPeer>> chosen;
    for (const auto& [id, participant] : m_participants) {
        const QString userId = participant->identified ? participant->identity.userId : QString();
        if (filter(userId, participant->peer->peerAddress()))
            chosen.append(participant->peer);
    }
    int kicked = 0;
    for (const QPointer<ChatPeer>& peer : std::as_const(chosen)) {
        if (peer && peer->kick(reason))
            ++kicked;
    }
    return kicked;
}

void ChatService::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcSession) << "shutting down" << m_participants.size() << "connections";
    QList<QPointer<ChatPeer>> peers;
    for (const auto& [id, participant] : m_participants)
        peers.append(participant->peer);
    for (const QPointer<ChatPeer>& peer : std::as_const(peers)) {
        // Spread the returns so that the clients do not all come back at once.
        if (peer)
            peer->shutDown(
                500 + QRandomGenerator::global()->bounded(qMax(1, m_settings.shutdownSpreadMs)));
    }
    m_drainDeadline = new QTimer(this);
    m_drainDeadline->setSingleShot(true);
    connect(m_drainDeadline, &QTimer::timeout, this, [this] {
        qCInfo(lcSession) << m_participants.size() << "connections did not close in time";
        closeAllNow();
        finishDrainIfDone();
    });
    m_drainDeadline->start(m_settings.shutdownDrainMs);
    finishDrainIfDone();
}

void ChatService::closeAllNow()
{
    m_shuttingDown = true;
    for (auto& [id, participant] : m_participants.takeAll()) {
        m_rooms.forget(*participant);
        delete participant->peer; // drops the connection (a 1001 close frame where possible)
    }
}

void ChatService::onClosed(quint64 id)
{
    Participant* participant = m_participants.find(id);
    if (!participant)
        return; // already dropped by closeAllNow()
    qCDebug(lcSession) << "connection" << id << "closed";
    m_metrics->countClosed(closeReasonLabel(participant->peer->closeReason()));
    if (!m_shuttingDown)
        m_rooms.dropAll(*participant);
    m_rooms.forget(*participant);
    participant->peer->deleteLater();
    m_participants.take(id);
    finishDrainIfDone();
}

void ChatService::finishDrainIfDone()
{
    if (!m_shuttingDown || m_drained || !m_participants.isEmpty())
        return;
    m_drained = true;
    if (m_drainDeadline)
        m_drainDeadline->stop();
    Q_EMIT drained();
}
