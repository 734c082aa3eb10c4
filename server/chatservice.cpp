#include "chatservice.h"

#include "chaterror.h"
#include "clientconnection.h"
#include "frameencoder.h"
#include "identityservice.h"
#include "jsontext.h"
#include "messagestore.h"
#include "presenceevent.h"
#include "protocolevents.h"
#include "requestparser.h"
#include "roomfanout.h"
#include "roomsummary.h"
#include "serverlogging.h"
#include "servermetrics.h"

#include <QJsonArray>
#include <QMap>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace {

QJsonObject okReply(std::initializer_list<std::pair<QString, QJsonValue>> fields)
{
    QJsonObject object{{QStringLiteral("ok"), true}};
    for (const auto& [key, value] : fields)
        object.insert(key, value);
    return object;
}

QJsonArray toJsonArray(const QList<ChatMessage>& messages)
{
    QJsonArray array;
    for (const ChatMessage& message : messages)
        array.append(message.toJson());
    return array;
}

// retry_after_ms of a server_busy reply to join_room.
constexpr qint64 ServerBusyRetryAfterMs = 30000;

ChatError error(ChatError::Code code, const QString& message, qint64 retryAfterMs = -1)
{
    return ChatError{code, message, retryAfterMs};
}

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

ChatService::ChatService(const ServerConfig& config, MessageStore* store, RoomFanout* fanout,
                         IdentityService* identity, ServerMetrics* metrics, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_store(store)
    , m_fanout(fanout)
    , m_identity(identity)
    , m_metrics(metrics)
    , m_registry(config.presenceGraceMs)
    , m_typing(config.typingTimeoutMs)
    , m_joiner(store, fanout)
{
    m_clock.start();
    connect(&m_registry, &RoomRegistry::graceExpired, this, &ChatService::onGraceExpired);
    connect(&m_typing, &TypingExpiry::expired, this,
            [this](const QString& room, const Member& user) {
                publishTyping(room, user, false, nullptr);
            });
}

ChatService::~ChatService()
{
    closeAllNow();
}

void ChatService::addConnection(ClientConnection* connection)
{
    if (m_shuttingDown) {
        connection->abort();
        connection->deleteLater();
        return;
    }
    EngineIoSession::Settings settings;
    settings.pingIntervalMs = m_config.pingIntervalMs;
    settings.pingTimeoutMs = m_config.pingTimeoutMs;
    settings.maxPayloadBytes = m_config.maxPayloadBytes;
    settings.connectTimeoutMs = m_config.connectTimeoutMs;
    settings.violationLimit = m_config.violationLimit;
    settings.violationWindowMs = m_config.violationWindowMs;

    auto owned = std::make_unique<Client>();
    Client* client = owned.get();
    client->id = m_nextClientId++;
    client->session = new EngineIoSession(connection, settings, this);
    client->bucket = TokenBucket(m_config.messageRate, m_config.messageBurst, m_clock.elapsed());
    client->connectedAtMs = m_clock.elapsed();
    m_clients.emplace(client->id, std::move(owned));
    ++m_metrics->connectionsTotal;

    EngineIoSession* session = client->session;
    connect(session, &EngineIoSession::socketConnected, this,
            [this, client](const QJsonObject& auth) { onSocketConnected(client, auth); });
    connect(session, &EngineIoSession::eventReceived, this,
            [this, client](const QString& name, const QJsonValue& argument, qint64 ackId) {
                onEvent(client, name, argument, ackId);
            });
    connect(session, &EngineIoSession::socketDisconnected, this, [this, client] {
        dropFromRooms(client);
        client->identified = false;
    });
    // Queued: a close can be reported from deep inside a handler or a broadcast loop; the
    // client's state must stay valid until those have returned.
    const quint64 id = client->id;
    connect(
        session, &EngineIoSession::closed, this, [this, id] { onClosed(id); },
        Qt::QueuedConnection);
    connect(session, &EngineIoSession::invalidPayloadReplied, this,
            [this] { ++m_metrics->protocolErrorsTotal; });
    qCDebug(lcServerSession) << "connection" << client->id << "from" << connection->peerAddress();
    session->start();
}

QJsonObject ChatService::roomList() const
{
    QMap<QString, RoomSummary> rooms; // sorted by name
    for (const QString& name : m_registry.rooms())
        rooms.insert(
            name, RoomSummary{name, m_registry.memberCount(name), m_registry.lastActivity(name)});
    for (const StoredRoom& stored : m_store->rooms()) {
        RoomSummary& summary = rooms[stored.room];
        summary.room = stored.room;
        if (!summary.lastActivity.isValid() || stored.lastMessageAt > summary.lastActivity)
            summary.lastActivity = stored.lastMessageAt;
    }
    QJsonArray array;
    for (const RoomSummary& summary : std::as_const(rooms))
        array.append(summary.toJson());
    return okReply({{QStringLiteral("rooms"), array}});
}

int ChatService::roomCount() const
{
    const QStringList live = m_registry.rooms();
    QSet<QString> names(live.cbegin(), live.cend());
    for (const StoredRoom& stored : m_store->rooms())
        names.insert(stored.room);
    return int(names.size());
}

QJsonArray ChatService::connectionList() const
{
    QJsonArray array;
    for (const auto& [id, client] : m_clients) {
        QStringList rooms(client->rooms.cbegin(), client->rooms.cend());
        rooms.sort();
        array.append(QJsonObject{
            {QStringLiteral("id"), qint64(id)},
            {QStringLiteral("user_id"), client->identified ? client->identity.userId : QString()},
            {QStringLiteral("handle"), client->identified ? client->identity.handle : QString()},
            {QStringLiteral("address"), client->session->connection()->peerAddress().toString()},
            {QStringLiteral("rooms"), QJsonArray::fromStringList(rooms)},
            {QStringLiteral("connected_ms"), m_clock.elapsed() - client->connectedAtMs}});
    }
    return array;
}

int ChatService::kick(const ConnectionFilter& filter, const QString& reason)
{
    QList<QPointer<EngineIoSession>> chosen;
    for (const auto& [id, client] : m_clients) {
        const QString userId = client->identified ? client->identity.userId : QString();
        if (client->session->isOpen() &&
            filter(userId, client->session->connection()->peerAddress()))
            chosen.append(client->session);
    }
    for (const QPointer<EngineIoSession>& session : std::as_const(chosen)) {
        if (!session)
            continue;
        if (session->isSocketConnected())
            session->sendFrame(QStringLiteral("41"));
        session->close(QWebSocketProtocol::CloseCodePolicyViolated, reason);
    }
    return int(chosen.size());
}

void ChatService::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcServerSession) << "shutting down" << m_clients.size() << "connections";
    QList<QPointer<EngineIoSession>> sessions;
    for (const auto& [id, client] : m_clients)
        sessions.append(client->session);
    for (const QPointer<EngineIoSession>& session : std::as_const(sessions)) {
        if (!session)
            continue;
        // Spread the returns so that the clients do not all come back at once.
        const qint64 retryAfterMs =
            500 + QRandomGenerator::global()->bounded(qMax(1, m_config.shutdownSpreadMs));
        session->emitEvent(
            ProtocolEvents::Notice,
            QJsonObject{{QStringLiteral("code"), QStringLiteral("shutting_down")},
                        {QStringLiteral("message"), QStringLiteral("The server is shutting down")},
                        {QStringLiteral("retry_after_ms"), retryAfterMs}});
        session->close(QWebSocketProtocol::CloseCodeGoingAway,
                       QStringLiteral("server shutting down"));
    }
    m_drainDeadline = new QTimer(this);
    m_drainDeadline->setSingleShot(true);
    connect(m_drainDeadline, &QTimer::timeout, this, [this] {
        qCInfo(lcServerSession) << m_clients.size() << "connections did not close in time";
        closeAllNow();
        finishDrainIfDone();
    });
    m_drainDeadline->start(m_config.shutdownDrainMs);
    finishDrainIfDone();
}

void ChatService::closeAllNow()
{
    m_shuttingDown = true;
    auto clients = std::move(m_clients);
    m_clients.clear();
    for (auto& [id, client] : clients) {
        for (const QString& room : std::as_const(client->rooms))
            m_fanout->unsubscribe(room, client->session->connection());
        m_joiner.removeConnection(id);
        disconnect(client->session, nullptr, this, nullptr);
        delete client->session; // sends a 1001 close frame and releases the socket
    }
}

void ChatService::onSocketConnected(Client* client, const QJsonObject& auth)
{
    const qint64 nowSecs = QDateTime::currentSecsSinceEpoch();
    client->identity = m_identity->resolve(auth, nowSecs);
    client->identified = true;
    qCInfo(lcServerSession) << "connection" << client->id << "is" << client->identity.userId
                            << (client->identity.resumed ? "(resumed)" : "(new)");
    client->session->emitEvent(ProtocolEvents::Session, client->identity.toJson());
}

void ChatService::onEvent(Client* client, const QString& name, const QJsonValue& argument,
                          qint64 ackId)
{
    using Handler = void (ChatService::*)(Client*, const QJsonValue&, qint64);
    static const QHash<QString, Handler> handlers{
        {ProtocolEvents::JoinRoom, &ChatService::joinRoom},
        {ProtocolEvents::LeaveRoom, &ChatService::leaveRoom},
        {ProtocolEvents::SendMessage, &ChatService::sendMessage},
        {ProtocolEvents::ListRooms, &ChatService::listRooms},
        {ProtocolEvents::History, &ChatService::history},
        {ProtocolEvents::Typing, &ChatService::typing},
    };
    const Handler handler = handlers.value(name);
    if (!handler || !client->identified) {
        reply(client,
              error(ChatError::Code::InvalidPayload,
                    QStringLiteral("unknown event '%1'").arg(name.left(64))),
              ackId);
        return;
    }
    (this->*handler)(client, argument, ackId);
}

void ChatService::onClosed(quint64 clientId)
{
    const auto it = m_clients.find(clientId);
    if (it == m_clients.end())
        return; // already dropped by closeAllNow()
    Client* client = it->second.get();
    qCDebug(lcServerSession) << "connection" << client->id << "closed";
    const QString closeReason = client->session->closeReason();
    m_metrics->countClosed(closeReasonLabel(
        closeReason.isEmpty() ? client->session->connection()->dropReason() : closeReason));
    if (!m_shuttingDown)
        dropFromRooms(client);
    for (const QString& room : std::as_const(client->rooms))
        m_fanout->unsubscribe(room, client->session->connection());
    client->session->deleteLater();
    m_joiner.removeConnection(clientId);
    m_clients.erase(it);
    finishDrainIfDone();
}

void ChatService::onGraceExpired(const QString& room, const Member& user)
{
    qCDebug(lcServerRooms) << user.userId << "did not come back to" << room;
    publishPresence(PresenceEvent{PresenceEvent::Kind::Left, room, user.userId, user.handle,
                                  QDateTime::currentDateTimeUtc(), QStringLiteral("disconnected")},
                    nullptr);
}

void ChatService::joinRoom(Client* client, const QJsonValue& payload, qint64 ackId)
{
    RequestParser::JoinRoom request;
    ChatError failure;
    if (!RequestParser::parseJoinRoom(payload, &request, &failure))
        return reply(client, failure, ackId);
    const bool alreadyIn = client->rooms.contains(request.room);
    if (!alreadyIn && client->rooms.size() >= m_config.maxRoomsPerConnection)
        return reply(client,
                     error(ChatError::Code::TooManyRooms,
                           QStringLiteral("a connection can join at most %1 rooms")
                               .arg(m_config.maxRoomsPerConnection)),
                     ackId);
    // Total rooms cap (docs/security.md): counts rooms with members, each of which costs
    // memory here; rooms with stored history only are bounded by the store.
    if (!alreadyIn && m_registry.memberCount(request.room) == 0 &&
        m_registry.roomCount() >= m_config.maxRooms)
        return reply(client,
                     error(ChatError::Code::ServerBusy,
                           QStringLiteral("the server has too many rooms; try again later"),
                           ServerBusyRetryAfterMs),
                     ackId);

    ClientConnection* connection = client->session->connection();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Member me{client->identity.userId, client->identity.handle};
    const bool newMember = m_registry.join(request.room, client->id, me, now);
    if (alreadyIn) // subscribed again with the answer, whose history covers the meantime
        m_fanout->unsubscribe(request.room, connection);
    else
        client->rooms.append(request.room);
    if (newMember)
        publishPresence(PresenceEvent{PresenceEvent::Kind::Joined, request.room, me.userId,
                                      me.handle, now, QString()},
                        connection);

    const quint64 clientId = client->id;
    const QString room = request.room;
    m_joiner.join(clientId, connection, room, request.since,
                  [this, clientId, room, ackId](const HistorySlice& slice) {
                      answerJoin(clientId, room, ackId, slice);
                  });
}

void ChatService::answerJoin(quint64 clientId, const QString& room, qint64 ackId,
                             const HistorySlice& slice)
{
    const auto it = m_clients.find(clientId);
    if (it == m_clients.end())
        return;
    Client* client = it->second.get();
    if (!client->identified)
        return; // the Socket.IO session ended meanwhile
    if (ackId < 0)
        return;
    // The members array is kept as text by the registry (O(room size) to write anew).
    const QJsonObject reply = okReply({{QStringLiteral("room"), room},
                                       {QStringLiteral("history"), toJsonArray(slice.messages)},
                                       {QStringLiteral("last_seq"), slice.lastSeq},
                                       {QStringLiteral("truncated"), slice.truncated}});
    client->session->sendFrame(
        FrameEncoder::ackJson(ackId, JsonText::withMember(reply, QLatin1StringView("members"),
                                                          m_registry.membersJson(room))));
}

void ChatService::leaveRoom(Client* client, const QJsonValue& payload, qint64 ackId)
{
    RequestParser::RoomOnly request;
    ChatError failure;
    if (!RequestParser::parseLeaveRoom(payload, &request, &failure))
        return reply(client, failure, ackId);
    if (!client->rooms.removeOne(request.room))
        return reply(client,
                     error(ChatError::Code::NotInRoom,
                           QStringLiteral("this connection has not joined '%1'").arg(request.room)),
                     ackId);
    m_fanout->unsubscribe(request.room, client->session->connection());
    m_joiner.cancel(client->id, request.room);
    stopTyping(client, request.room);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_registry.leave(request.room, client->id, client->identity.userId, now))
        publishPresence(PresenceEvent{PresenceEvent::Kind::Left, request.room,
                                      client->identity.userId, client->identity.handle, now,
                                      QStringLiteral("left")},
                        nullptr);
    client->session->sendAck(ackId, okReply({{QStringLiteral("room"), request.room}}));
}

void ChatService::sendMessage(Client* client, const QJsonValue& payload, qint64 ackId)
{
    RequestParser::SendMessage request;
    ChatError failure;
    if (!RequestParser::parseSendMessage(payload, &request, &failure))
        return reply(client, failure, ackId);
    if (!client->rooms.contains(request.room))
        return reply(client,
                     error(ChatError::Code::NotInRoom,
                           QStringLiteral("join '%1' before sending to it").arg(request.room)),
                     ackId);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    ChatMessage original;
    if (m_store->findByClientId(client->identity.userId, request.clientId, now, &original)) {
        // A retry: the original again, no broadcast, no rate token.
        client->session->sendAck(ackId, okReply({{QStringLiteral("message"), original.toJson()}}));
        return;
    }
    if (!takeToken(client, 1.0, "send_message", ackId))
        return;

    const MessageDraft draft{request.room, client->identity.userId, client->identity.handle,
                             request.text, request.clientId,        now};
    const QPointer<ChatService> self(this);
    const QPointer<EngineIoSession> sender(client->session);
    const qint64 appendStartNs = m_clock.nsecsElapsed();
    m_store->append(draft, [self, sender, ackId, appendStartNs](const ChatMessage& stored,
                                                                bool duplicate) {
        if (!self)
            return;
        self->m_metrics->storageAppendSeconds.observe(
            (self->m_clock.nsecsElapsed() - appendStartNs) / 1e9);
        if (stored.seq == 0) { // not stored: the client retries with the same client_id
            if (sender)
                sender->replyError(error(ChatError::Code::ServerBusy,
                                         QStringLiteral("the message could not be stored; retry"),
                                         1000),
                                   ackId);
            return;
        }
        const QJsonObject json = stored.toJson();
        if (!duplicate) {
            ++self->m_metrics->messagesTotal;
            // Encoded once; the same frame goes to every member connection.
            const QString frame = FrameEncoder::event(ProtocolEvents::Message, json);
            self->m_metrics->deliveriesTotal += self->m_fanout->publish(stored.room, frame);
        }
        if (sender)
            sender->sendAck(ackId, okReply({{QStringLiteral("message"), json}}));
    });
}

void ChatService::listRooms(Client* client, const QJsonValue& payload, qint64 ackId)
{
    ChatError failure;
    if (!RequestParser::parseListRooms(payload, &failure))
        return reply(client, failure, ackId);
    client->session->sendAck(ackId, roomList());
}

void ChatService::history(Client* client, const QJsonValue& payload, qint64 ackId)
{
    RequestParser::History request;
    ChatError failure;
    if (!RequestParser::parseHistory(payload, &request, &failure))
        return reply(client, failure, ackId);
    const qint64 before = request.before >= 0 ? request.before : m_store->lastSeq(request.room) + 1;
    const QPointer<ChatService> self(this);
    const quint64 clientId = client->id;
    const QString room = request.room;
    m_store->messagesBefore(
        request.room, before, request.limit,
        [self, clientId, room, ackId](const HistorySlice& slice) {
            if (!self)
                return;
            const auto it = self->m_clients.find(clientId);
            if (it == self->m_clients.end() || !it->second->identified)
                return;
            it->second->session->sendAck(
                ackId, okReply({{QStringLiteral("room"), room},
                                {QStringLiteral("history"), toJsonArray(slice.messages)},
                                {QStringLiteral("has_more"), slice.hasMore}}));
        });
}

void ChatService::typing(Client* client, const QJsonValue& payload, qint64 ackId)
{
    RequestParser::Typing request;
    ChatError failure;
    if (!RequestParser::parseTyping(payload, &request, &failure))
        return reply(client, failure, ackId);
    if (!client->rooms.contains(request.room))
        return reply(client,
                     error(ChatError::Code::NotInRoom,
                           QStringLiteral("join '%1' before typing in it").arg(request.room)),
                     ackId);
    if (!takeToken(client, m_config.typingCost, "typing", ackId))
        return;
    const Member me{client->identity.userId, client->identity.handle};
    m_typing.update(request.room, me, request.typing);
    publishTyping(request.room, me, request.typing, client->session->connection());
    client->session->sendAck(ackId, okReply({}));
}

void ChatService::dropFromRooms(Client* client)
{
    ClientConnection* connection = client->session->connection();
    for (const QString& room : std::as_const(client->rooms)) {
        m_fanout->unsubscribe(room, connection);
        stopTyping(client, room);
        m_registry.dropConnection(room, client->id, client->identity.userId);
    }
    client->rooms.clear();
    m_joiner.cancelAll(client->id);
}

void ChatService::publishTyping(const QString& room, const Member& user, bool typing,
                                const ClientConnection* except)
{
    const QJsonObject event{{QStringLiteral("room"), room},
                            {QStringLiteral("user_id"), user.userId},
                            {QStringLiteral("handle"), user.handle},
                            {QStringLiteral("typing"), typing}};
    m_fanout->publish(room, FrameEncoder::event(ProtocolEvents::Typing, event), except);
}

void ChatService::stopTyping(Client* client, const QString& room)
{
    if (m_typing.clear(room, client->identity.userId))
        publishTyping(room, Member{client->identity.userId, client->identity.handle}, false,
                      nullptr);
}

void ChatService::publishPresence(const PresenceEvent& event, const ClientConnection* except)
{
    const QLatin1StringView name = event.kind == PresenceEvent::Kind::Joined
                                       ? ProtocolEvents::UserJoined
                                       : ProtocolEvents::UserLeft;
    m_fanout->publish(event.room, FrameEncoder::event(name, event.toJson()), except);
}

bool ChatService::takeToken(Client* client, double cost, const char* reason, qint64 ackId)
{
    qint64 retryAfterMs = 0;
    if (client->bucket.tryTake(cost, m_clock.elapsed(), &retryAfterMs))
        return true;
    m_metrics->countRateLimited(reason);
    reply(client,
          error(ChatError::Code::RateLimited, QStringLiteral("too many messages; slow down"),
                retryAfterMs),
          ackId);
    return false;
}

void ChatService::reply(Client* client, const ChatError& failure, qint64 ackId)
{
    client->session->replyError(failure, ackId);
}

void ChatService::finishDrainIfDone()
{
    if (!m_shuttingDown || m_drained || !m_clients.empty())
        return;
    m_drained = true;
    if (m_drainDeadline)
        m_drainDeadline->stop();
    Q_EMIT drained();
}
