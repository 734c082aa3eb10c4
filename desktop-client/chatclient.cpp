#include "chatclient.h"

#include "chatmessage.h"
#include "clientlogging.h"
#include "clientsession.h"
#include "historypager.h"
#include "joinedroomsmodel.h"
#include "messagelistmodel.h"
#include "outbox.h"
#include "presenceevent.h"
#include "protocolevents.h"
#include "roomdirectory.h"
#include "roomname.h"
#include "serverreply.h"
#include "typingrelay.h"

#include <QPointer>

#include <algorithm>

ChatClient::ChatClient(SocketIoClient* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_session(new ClientSession(connection, this))
    , m_rejoiner(new RoomRejoiner(connection, this))
    , m_outbox(new Outbox(connection, this))
    , m_directory(new RoomDirectory(connection, this))
    , m_joinedRooms(new JoinedRoomsModel(this))
    , m_typing(new TypingRelay(
          connection, [this](const QString& room) { return isReady() && isJoined(room); }, this))
    , m_history(new HistoryPager(connection, this))
{
    connect(m_session, &ClientSession::started, this, &ChatClient::onSessionStarted);
    connect(m_session, &ClientSession::connectionLost, this, &ChatClient::onConnectionLost);
    connect(m_session, &ClientSession::noticeReceived, this, &ChatClient::noticeReceived);
    connect(m_session, &ClientSession::serverErrorReceived, this, &ChatClient::serverErrorReceived);
    connect(m_connection, &SocketIoClient::eventReceived, this, &ChatClient::onEventReceived);
    connect(m_rejoiner, &RoomRejoiner::joined, this, &ChatClient::onJoined);
    connect(m_rejoiner, &RoomRejoiner::refused, this, &ChatClient::onJoinRefused);
    connect(m_outbox, &Outbox::retryDue, this, &ChatClient::flushOutbox);
    connect(m_outbox, &Outbox::delivered, this, [this](const ChatMessage& message) {
        if (MessageListModel* model = messages(message.room))
            model->addMessage(message); // replaces the pending entry (or is a duplicate)
    });
    connect(m_outbox, &Outbox::delayed, this, &ChatClient::sendDelayed);
    connect(m_outbox, &Outbox::failed, this,
            [this](const QString& room, const QString& clientId, const ChatError& error) {
                if (MessageListModel* model = messages(room))
                    model->setPendingFailed(clientId, true);
                Q_EMIT sendFailed(room, error.message);
            });
    connect(m_outbox, &Outbox::membershipLost, this, [this](const QString& room) {
        const auto it = m_rooms.find(room);
        if (it == m_rooms.end())
            return;
        it->setJoined(false);
        m_joinedRooms->setJoined(room, false);
        if (isReady())
            sendJoin(room); // flushes the outbox once joined
    });
    connect(m_typing, &TypingRelay::typingChanged, this, &ChatClient::typingChanged);
    connect(m_history, &HistoryPager::pageInserted, this, &ChatClient::historyFetched);
    connect(m_history, &HistoryPager::failed, this, &ChatClient::serverErrorReceived);
    connect(m_directory, &RoomDirectory::failed, this, &ChatClient::serverErrorReceived);
}

ChatClient::~ChatClient() = default;

SessionInfo ChatClient::session() const
{
    return m_session->session();
}

bool ChatClient::isReady() const
{
    return m_session->isReady();
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
    m_rooms.insert(room,
                   JoinedRoom(session().userId, session().handle, m_outbox->entries(room), this));
    m_joinedRooms->addRoom(room);
    qCDebug(lcClientSession) << "joining" << room;
    if (isReady())
        sendJoin(room);
    return true;
}

bool ChatClient::dropRoom(const QString& room)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return false;
    it->releaseModel(); // a view may still hold it until it switches rooms
    m_rooms.erase(it);
    m_rejoiner->cancel(room);
    m_outbox->removeRoom(room);
    m_joinedRooms->removeRoom(room);
    return true;
}

void ChatClient::leaveRoom(const QString& room)
{
    if (!dropRoom(room))
        return;
    m_typing->leave(room); // the server drops our typing state with the membership
    if (isReady())
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
    if (const QString why = Outbox::refusal(text); !why.isEmpty()) {
        Q_EMIT sendFailed(room, why);
        return false;
    }
    const Outbox::Entry entry = m_outbox->add(room, text, QDateTime::currentDateTime());
    it->model()->addPending(entry.clientId, text, entry.createdAt);
    setTyping(room, false);
    // While rate-limited, the outbox's retryDue() sends the whole room in order.
    flushOutbox(room);
    return true;
}

void ChatClient::refreshRooms()
{
    m_directory->refresh();
}

RoomListModel* ChatClient::serverRooms() const
{
    return m_directory->rooms();
}

QStringList ChatClient::joinedRoomNames() const
{
    return m_joinedRooms->rooms();
}

MessageListModel* ChatClient::messages(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it == m_rooms.cend() ? nullptr : it->model();
}

QList<Member> ChatClient::members(const QString& room) const
{
    return m_rooms.value(room).members();
}

void ChatClient::setTyping(const QString& room, bool typing)
{
    m_typing->setTyping(room, typing);
}

QList<Member> ChatClient::typingMembers(const QString& room) const
{
    return m_typing->typing(room);
}

bool ChatClient::fetchOlderMessages(const QString& room)
{
    return isReady() && isJoined(room) && m_history->fetch(room, messages(room), true);
}

bool ChatClient::fetchNewerMessages(const QString& room)
{
    return isReady() && isJoined(room) && m_history->fetch(room, messages(room), false);
}

bool ChatClient::isFetchingHistory(const QString& room) const
{
    return m_history->isFetching(room);
}

void ChatClient::retryMessage(const QString& room, const QString& clientId)
{
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end() || !m_outbox->contains(clientId))
        return;
    it->model()->setPendingFailed(clientId, false);
    m_outbox->retry(clientId);
    flushOutbox(room);
}

void ChatClient::onConnectionLost()
{
    m_outbox->connectionLost();
    m_rejoiner->reset();
    m_directory->stop();
    for (JoinedRoom& room : m_rooms)
        room.setJoined(false);
    m_typing->reset();
    m_joinedRooms->setAllUnjoined();
}

void ChatClient::onSessionStarted(const SessionInfo& info)
{
    for (JoinedRoom& room : m_rooms)
        room.setOwnIdentity(info.userId, info.handle);
    m_typing->setOwnUserId(info.userId);
    m_directory->start();
    Q_EMIT sessionStarted(info);
    QList<std::pair<QString, qint64>> rooms;
    for (const QString& room : m_joinedRooms->rooms()) {
        if (const MessageListModel* model = messages(room))
            rooms.append({room, model->lastSeq()});
    }
    m_rejoiner->rejoinAll(rooms);
}

void ChatClient::onEventReceived(const QString& name, const QJsonValue& argument)
{
    const QJsonObject payload = argument.toObject();
    if (name == ProtocolEvents::Message)
        handleMessage(payload);
    else if (name == ProtocolEvents::UserJoined || name == ProtocolEvents::UserLeft)
        handlePresence(name, payload);
}

void ChatClient::sendJoin(const QString& room)
{
    const auto it = m_rooms.constFind(room);
    if (it != m_rooms.cend() && !it->isJoined())
        m_rejoiner->join(room, it->model()->lastSeq());
}

void ChatClient::onJoinRefused(const QString& room, const ChatError& error)
{
    if (dropRoom(room))
        Q_EMIT roomJoinFailed(room, error.message);
}

void ChatClient::onJoined(const RoomRejoiner::JoinResult& result)
{
    const QString& room = result.room;
    const auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    if (result.historyReset) {
        // The server lost the room's history (e.g. restarted with memory storage): its seqs
        // start over, so ours mean nothing any more. Start the timeline afresh from its
        // history, keeping the outbox, and join again without `since`.
        qCInfo(lcClientSession) << "history of" << room << "was reset on the server; resyncing";
        it->restartTimeline(m_outbox->entries(room));
        sendJoin(room);
        return;
    }
    const int unread = it->applyJoin(result, session().userId);
    for (const ChatMessage& message : result.history)
        m_outbox->remove(message.clientId); // ours, stored while we were away
    for (int i = 0; i < unread; ++i)
        m_joinedRooms->addUnread(room);
    m_joinedRooms->setJoined(room, true);
    m_joinedRooms->setMemberCount(room, int(it->members().size()));
    Q_EMIT membersChanged(room);
    Q_EMIT roomJoined(room);
    flushOutbox(room);
}

bool ChatClient::isJoined(const QString& room) const
{
    const auto it = m_rooms.constFind(room);
    return it != m_rooms.cend() && it->isJoined();
}

void ChatClient::flushOutbox(const QString& room)
{
    if (isReady() && isJoined(room))
        m_outbox->flush(room);
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
    m_outbox->remove(message.clientId); // ours, stored: its broadcast counts as the ack
    if (!it->model()->addMessage(message))
        return;
    if (message.userId != session().userId)
        m_joinedRooms->addUnread(message.room);
    Q_EMIT messageReceived(message);
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
    it->applyPresence(event);
    if (kind == PresenceEvent::Kind::Left)
        m_typing->remove(event.room, event.userId);
    m_joinedRooms->setMemberCount(event.room, int(it->members().size()));
    Q_EMIT membersChanged(event.room);
}
