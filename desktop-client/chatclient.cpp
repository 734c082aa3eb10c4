#include "chatclient.h"

#include "chatmessage.h"
#include "chattext.h"
#include "clientlogging.h"
#include "historypager.h"
#include "joinedroomsmodel.h"
#include "messagelistmodel.h"
#include "presenceevent.h"
#include "protocolevents.h"
#include "roomlistmodel.h"
#include "roomname.h"
#include "roomsummary.h"
#include "serverreply.h"
#include "typingnotifier.h"
#include "typingtracker.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <climits>

namespace {

bool isOk(const QJsonValue& reply)
{
    return ServerReply::isOk(reply);
}

ChatError errorOf(const QJsonValue& reply)
{
    return ServerReply::error(reply);
}

} // namespace

ChatClient::ChatClient(SocketIoClient* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_serverRooms(new RoomListModel(this))
    , m_joinedRooms(new JoinedRoomsModel(this))
    , m_typing(new TypingTracker(this))
    , m_typingNotifier(new TypingNotifier(this))
    , m_history(new HistoryPager(connection, this))
{
    m_clock.start();
    connect(m_connection, &SocketIoClient::stateChanged, this,
            &ChatClient::onConnectionStateChanged);
    connect(m_connection, &SocketIoClient::eventReceived, this, &ChatClient::onEventReceived);
    connect(m_typing, &TypingTracker::typingChanged, this, &ChatClient::typingChanged);
    connect(m_typingNotifier, &TypingNotifier::typingChanged, this, &ChatClient::sendTyping);
    connect(m_history, &HistoryPager::pageInserted, this, &ChatClient::historyFetched);
    connect(m_history, &HistoryPager::failed, this, &ChatClient::serverErrorReceived);
    m_roomsRefresh.setInterval(RoomsRefreshIntervalMs);
    connect(&m_roomsRefresh, &QTimer::timeout, this, &ChatClient::refreshRooms);
}

ChatClient::~ChatClient() = default;

void ChatClient::setResumeToken(const QString& token)
{
    m_connection->setAuthToken(token);
}

bool ChatClient::joinRoom(const QString& name)
{
    QString room;
    QString reason;
    if (!RoomName::canonicalize(name, &room, &reason)) {
        Q_EMIT roomJoinFailed(name, reason);
        return false;
    }
    if (m_rooms.contains(room))
        return true;
    Room entry;
    entry.model = new MessageListModel(this);
    entry.model->setOwnUserId(m_session.userId);
    entry.model->setOwnHandle(m_session.handle);
    m_rooms.insert(room, entry);
    m_joinedRooms->addRoom(room);
    qCDebug(lcClientSession) << "joining" << room;
    if (m_ready)
        sendJoin(room);
    return true;
}

void ChatClient::leaveRoom(const QString& room)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->model->deleteLater(); // a view may still hold it until it switches rooms
    m_rooms.erase(it);
    m_joinedRooms->removeRoom(room);
    m_typing->clear(room);
    m_typingNotifier->reset(); // the server drops our typing state with the membership
    if (m_ready)
        m_connection->emitEvent(ProtocolEvents::LeaveRoom, {{QStringLiteral("room"), room}});
    Q_EMIT roomLeft(room);
}

bool ChatClient::sendMessage(const QString& room, const QString& text)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end()) {
        Q_EMIT sendFailed(room, tr("You are not in this room."));
        return false;
    }
    if (ChatText::isBlank(text)) {
        Q_EMIT sendFailed(room, tr("The message is empty."));
        return false;
    }
    if (ChatText::codePointCount(text) > ChatText::MaxMessageCodePoints) {
        Q_EMIT sendFailed(
            room,
            tr("The message is longer than %1 characters.").arg(ChatText::MaxMessageCodePoints));
        return false;
    }
    if (ChatText::hasLoneSurrogate(text)) {
        Q_EMIT sendFailed(room, tr("The message contains invalid characters."));
        return false;
    }
    const QString clientId = QLatin1String("c-") + QUuid::createUuid().toString(QUuid::Id128);
    it->model->addPending(clientId, text, QDateTime::currentDateTime());
    setTyping(room, false);
    // While rate-limited, the timer of the refusal sends the whole outbox in order.
    if (m_ready && it->joined && msUntilSendRetry(room) == 0)
        sendPending(room, clientId, text);
    return true;
}

void ChatClient::refreshRooms()
{
    QPointer<ChatClient> self(this);
    m_connection->emitEvent(
        ProtocolEvents::ListRooms, {}, [self](bool acked, const QJsonValue& reply) {
            if (!self || !acked)
                return;
            if (!isOk(reply)) {
                Q_EMIT self->serverErrorReceived(errorOf(reply));
                return;
            }
            QList<RoomSummary> rooms;
            const QJsonArray array = reply.toObject().value(QLatin1String("rooms")).toArray();
            for (const QJsonValue& value : array) {
                RoomSummary summary;
                if (RoomSummary::fromJson(value.toObject(), &summary))
                    rooms.append(summary);
            }
            self->m_serverRooms->setRooms(rooms);
        });
}

QStringList ChatClient::joinedRoomNames() const
{
    return m_joinedRooms->rooms();
}

MessageListModel* ChatClient::messages(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.cend() ? nullptr : it->model;
}

QList<Member> ChatClient::members(const QString& room) const
{
    return m_rooms.value(room).members;
}

void ChatClient::setTyping(const QString& room, bool typing)
{
    if (!typing)
        m_typingNotifier->stopped(room);
    else if (m_ready && m_rooms.value(room).joined)
        m_typingNotifier->edited(room);
}

QList<Member> ChatClient::typingMembers(const QString& room) const
{
    return m_typing->typing(room);
}

bool ChatClient::fetchOlderMessages(const QString& room)
{
    if (!m_ready || !m_rooms.value(room).joined)
        return false;
    return m_history->fetch(room, messages(room), true);
}

bool ChatClient::fetchNewerMessages(const QString& room)
{
    if (!m_ready || !m_rooms.value(room).joined)
        return false;
    return m_history->fetch(room, messages(room), false);
}

bool ChatClient::isFetchingHistory(const QString& room) const
{
    return m_history->isFetching(room);
}

void ChatClient::retryMessage(const QString& room, const QString& clientId)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->model->setPendingFailed(clientId, false);
    if (m_ready && it->joined && !m_inFlight.contains(clientId))
        flushOutbox(room);
}

int ChatClient::msUntilSendRetry(const QString& room) const
{
    const qint64 at = m_rooms.value(room).retryAt;
    return at < 0 ? 0 : int(std::max<qint64>(0, at - m_clock.elapsed()));
}

void ChatClient::onConnectionStateChanged(SocketIoClient::State state)
{
    if (state == SocketIoClient::State::Connected)
        return; // requests wait for `session`, which follows CONNECT
    m_ready = false;
    m_inFlight.clear();
    m_roomsRefresh.stop();
    for (Room& room : m_rooms) {
        room.joined = false;
        room.joining = false;
    }
    m_typingNotifier->reset();
    m_joinedRooms->setAllUnjoined();
    m_typing->clear();
}

void ChatClient::onEventReceived(const QString& name, const QJsonValue& argument)
{
    const QJsonObject payload = argument.toObject();
    if (name == ProtocolEvents::Session) {
        handleSession(payload);
    } else if (name == ProtocolEvents::Message) {
        handleMessage(payload);
    } else if (name == ProtocolEvents::UserJoined || name == ProtocolEvents::UserLeft) {
        handlePresence(name, payload);
    } else if (name == ProtocolEvents::Typing) {
        handleTyping(payload);
    } else if (name == ProtocolEvents::Notice) {
        handleNotice(payload);
    } else if (name == ProtocolEvents::Error) {
        ChatError error;
        if (ChatError::fromJson(payload, &error)) {
            qCWarning(lcClientSession) << "server error" << ChatError::codeName(error.code);
            Q_EMIT serverErrorReceived(error);
        }
    } else {
        qCDebug(lcClientSession) << "ignoring event" << name;
    }
}

void ChatClient::handleSession(const QJsonObject& payload)
{
    SessionInfo info;
    if (!SessionInfo::fromJson(payload, &info)) {
        qCWarning(lcClientSession) << "malformed session event";
        return;
    }
    qCInfo(lcClientSession) << (info.resumed ? "identity resumed" : "new identity") << info.userId;
    m_session = info;
    m_connection->setAuthToken(info.token);
    for (Room& room : m_rooms) {
        room.model->setOwnUserId(info.userId);
        room.model->setOwnHandle(info.handle);
    }
    m_ready = true;
    m_roomsRefresh.start();
    Q_EMIT sessionStarted(info);
    for (const QString& room : m_joinedRooms->rooms())
        sendJoin(room);
}

void ChatClient::sendJoin(const QString& room)
{
    Room& entry = m_rooms[room];
    if (entry.joining || entry.joined)
        return;
    QJsonObject payload{{QStringLiteral("room"), room}};
    entry.since = entry.model->lastSeq() > 0 ? entry.model->lastSeq() : -1;
    if (entry.since > 0)
        payload.insert(QStringLiteral("since"), entry.since);
    QPointer<ChatClient> self(this);
    entry.joining = m_connection->emitEvent(ProtocolEvents::JoinRoom, payload,
                                            [self, room](bool acked, const QJsonValue& reply) {
                                                if (self)
                                                    self->onJoinAck(room, acked, reply);
                                            });
}

void ChatClient::onJoinAck(const QString& room, bool acked, const QJsonValue& reply)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end()) {
        if (acked && isOk(reply) && m_ready) // left while the join was in flight
            m_connection->emitEvent(ProtocolEvents::LeaveRoom, {{QStringLiteral("room"), room}});
        return;
    }
    it->joining = false;
    if (!acked)
        return; // connection dropped: joined again after the next `session`
    if (!isOk(reply)) {
        const ChatError error = errorOf(reply);
        qCWarning(lcClientSession) << "join refused:" << ChatError::codeName(error.code);
        it->model->deleteLater();
        m_rooms.erase(it);
        m_joinedRooms->removeRoom(room);
        Q_EMIT roomJoinFailed(room, error.message);
        return;
    }
    const QJsonObject object = reply.toObject();
    const qint64 lastSeq = object.value(QLatin1String("last_seq")).toInteger(-1);
    if (lastSeq >= 0 && lastSeq < it->model->lastSeq()) {
        // The server lost the room's history (e.g. restarted with memory storage): its seqs
        // start over, so ours mean nothing any more. Start the timeline afresh from its
        // history, keeping the outbox, and join again without `since`.
        qCInfo(lcClientSession) << "history of" << room << "was reset on the server; resyncing";
        const auto pending = it->model->pendingMessages();
        it->model->clear();
        for (const auto& [clientId, text] : pending)
            it->model->addPending(clientId, text, QDateTime::currentDateTime());
        sendJoin(room);
        return;
    }
    it->joined = true;
    it->members.clear();
    const QJsonArray members = object.value(QLatin1String("members")).toArray();
    for (const QJsonValue& value : members) {
        Member member;
        if (Member::fromJson(value.toObject(), &member)) {
            it->members.append(member);
            it->model->noteUser(member.userId, member.handle);
        }
    }
    applyJoinHistory(room, object);
    m_joinedRooms->setJoined(room, true);
    m_joinedRooms->setMemberCount(room, int(it->members.size()));
    Q_EMIT membersChanged(room);
    Q_EMIT roomJoined(room);
    flushOutbox(room);
}

void ChatClient::applyJoinHistory(const QString& room, const QJsonObject& reply)
{
    Room& entry = m_rooms[room];
    const qint64 since = std::exchange(entry.since, -1);
    const QList<ChatMessage> history = ServerReply::messages(reply.value(QLatin1String("history")));
    if (since > 0 && reply.value(QLatin1String("truncated")).toBool()) {
        // Messages after `since` are gone from the server: say how many, where they were.
        const qint64 lastSeq = reply.value(QLatin1String("last_seq")).toInteger(since);
        const qint64 firstKept = history.isEmpty() ? lastSeq + 1 : history.first().seq;
        const qint64 lost = firstKept - 1 - since;
        qCInfo(lcClientSession) << room << "lost" << lost << "messages on the server";
        entry.model->addGap(int(std::clamp<qint64>(lost, 0, INT_MAX)));
    }
    const qint64 before = entry.model->lastSeq();
    entry.model->addMessages(history);
    if (since > 0) {
        // Missed while away: unread like live ones (a first join's backlog is not).
        for (const ChatMessage& message : std::as_const(history)) {
            if (message.seq > before && message.userId != m_session.userId)
                m_joinedRooms->addUnread(room);
        }
    }
    qCInfo(lcClientSession) << "joined" << room << "with" << history.size() << "messages";
}

void ChatClient::flushOutbox(const QString& room)
{
    MessageListModel* model = messages(room);
    if (!model)
        return;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        if (index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>() !=
            MessageListModel::Delivery::Pending)
            continue;
        const QString clientId = index.data(MessageListModel::ClientIdRole).toString();
        if (!m_inFlight.contains(clientId))
            sendPending(room, clientId, index.data(MessageListModel::TextRole).toString());
    }
}

void ChatClient::sendPending(const QString& room, const QString& clientId, const QString& text)
{
    const QJsonObject payload{{QStringLiteral("room"), room},
                              {QStringLiteral("text"), text},
                              {QStringLiteral("client_id"), clientId}};
    QPointer<ChatClient> self(this);
    const bool sent =
        m_connection->emitEvent(ProtocolEvents::SendMessage, payload,
                                [self, room, clientId](bool acked, const QJsonValue& reply) {
                                    if (self)
                                        self->onSendAck(room, clientId, acked, reply);
                                });
    if (sent)
        m_inFlight.insert(clientId);
}

void ChatClient::onSendAck(const QString& room, const QString& clientId, bool acked,
                           const QJsonValue& reply)
{
    m_inFlight.remove(clientId);
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !acked)
        return; // not acknowledged: re-sent with the same client_id after the rejoin
    if (isOk(reply)) {
        ChatMessage message;
        QString error;
        if (ChatMessage::fromJson(reply.toObject().value(QLatin1String("message")).toObject(),
                                  &message, &error)) {
            it->model->addMessage(message); // replaces the pending entry (or is a duplicate)
        }
        return;
    }
    const ChatError error = errorOf(reply);
    qCInfo(lcClientSession) << "send refused:" << ChatError::codeName(error.code);
    switch (error.code) {
    case ChatError::Code::RateLimited: {
        // Stays pending and goes out by itself once allowed.
        const int delay = int(std::clamp<qint64>(error.retryAfterMs, 100, 60000));
        it->retryAt = m_clock.elapsed() + delay;
        QTimer::singleShot(delay, this, [this, room] {
            const auto entry = m_rooms.find(room);
            if (entry == m_rooms.end() || msUntilSendRetry(room) > 0)
                return; // left, or a later refusal moved the time
            entry->retryAt = -1;
            if (m_ready && entry->joined)
                flushOutbox(room);
        });
        Q_EMIT sendDelayed(room, delay);
        return;
    }
    case ChatError::Code::NotInRoom:
        // Membership was lost (e.g. a server restart raced the join): join again, which
        // flushes the outbox.
        it->joined = false;
        m_joinedRooms->setJoined(room, false);
        if (m_ready)
            sendJoin(room);
        return;
    default:
        it->model->setPendingFailed(clientId, true);
        Q_EMIT sendFailed(room, error.message);
        return;
    }
}

void ChatClient::handleMessage(const QJsonObject& payload)
{
    ChatMessage message;
    QString error;
    if (!ChatMessage::fromJson(payload, &message, &error)) {
        qCWarning(lcClientSession) << "malformed message event:" << error;
        return;
    }
    const auto it = m_rooms.find(message.room);
    if (it == m_rooms.end())
        return;
    qCDebug(lcClientSession) << "message" << message.room << message.seq;
    m_typing->remove(message.room, message.userId);
    if (!it->model->addMessage(message))
        return;
    if (message.userId != m_session.userId)
        m_joinedRooms->addUnread(message.room);
    Q_EMIT messageReceived(message);
}

void ChatClient::handleTyping(const QJsonObject& payload)
{
    const QString room = payload.value(QLatin1String("room")).toString();
    Member member;
    const QJsonValue typing = payload.value(QLatin1String("typing"));
    if (!m_rooms.contains(room) || !Member::fromJson(payload, &member) || !typing.isBool()) {
        qCDebug(lcClientSession) << "ignoring malformed or foreign typing event";
        return;
    }
    if (member.userId == m_session.userId)
        return; // another connection of ours
    m_typing->update(room, member, typing.toBool());
}

void ChatClient::sendTyping(const QString& room, bool typing)
{
    if (!m_ready || !m_rooms.value(room).joined)
        return;
    // Acknowledged so that its round trip is measured; a refusal (e.g. rate_limited) is
    // harmless: typing is a hint.
    m_connection->emitEvent(ProtocolEvents::Typing,
                            {{QStringLiteral("room"), room}, {QStringLiteral("typing"), typing}},
                            [](bool, const QJsonValue&) {});
}

void ChatClient::handlePresence(const QString& name, const QJsonObject& payload)
{
    const auto kind = name == ProtocolEvents::UserJoined ? PresenceEvent::Kind::Joined
                                                         : PresenceEvent::Kind::Left;
    PresenceEvent event;
    if (!PresenceEvent::fromJson(kind, payload, &event)) {
        qCWarning(lcClientSession) << "malformed" << name << "event";
        return;
    }
    const auto it = m_rooms.find(event.room);
    if (it == m_rooms.end())
        return;
    it->model->addPresence(event);
    if (kind == PresenceEvent::Kind::Left)
        m_typing->remove(event.room, event.userId);
    QList<Member>& members = it->members;
    const auto same = [&event](const Member& m) {
        return m.userId == event.userId;
    };
    members.removeIf(same);
    if (kind == PresenceEvent::Kind::Joined)
        members.append(Member{event.userId, event.handle});
    m_joinedRooms->setMemberCount(event.room, int(members.size()));
    Q_EMIT membersChanged(event.room);
}

void ChatClient::handleNotice(const QJsonObject& payload)
{
    const QString code = payload.value(QLatin1String("code")).toString();
    const QString message = payload.value(QLatin1String("message")).toString();
    const qint64 retryAfterMs = payload.value(QLatin1String("retry_after_ms")).toInteger(-1);
    qCInfo(lcClientSession) << "notice" << code << "retry after" << retryAfterMs << "ms";
    if (code == QLatin1String("shutting_down") && retryAfterMs >= 0)
        m_connection->deferNextReconnect(int(std::min<qint64>(retryAfterMs, 60000)));
    Q_EMIT noticeReceived(code, message);
}
