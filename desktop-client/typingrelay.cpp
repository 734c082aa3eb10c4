#include "typingrelay.h"

#include "clientlogging.h"
#include "protocolevents.h"
#include "socketioclient.h"
#include "typingnotifier.h"
#include "typingtracker.h"

TypingRelay::TypingRelay(SocketIoClient* connection, JoinedCheck isJoined, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_isJoined(std::move(isJoined))
    , m_tracker(new TypingTracker(this))
    , m_notifier(new TypingNotifier(this))
{
    connect(m_connection, &SocketIoClient::eventReceived, this, &TypingRelay::onEventReceived);
    connect(m_tracker, &TypingTracker::typingChanged, this, &TypingRelay::typingChanged);
    connect(m_notifier, &TypingNotifier::typingChanged, this, &TypingRelay::send);
}

TypingRelay::~TypingRelay() = default;

void TypingRelay::setTyping(const QString& room, bool typing)
{
    if (!typing)
        m_notifier->stopped(room);
    else if (m_isJoined(room))
        m_notifier->edited(room);
}

QList<Member> TypingRelay::typing(const QString& room) const
{
    return m_tracker->typing(room);
}

void TypingRelay::remove(const QString& room, const QString& userId)
{
    m_tracker->remove(room, userId);
}

void TypingRelay::leave(const QString& room)
{
    m_tracker->clear(room);
    m_notifier->reset();
}

void TypingRelay::reset()
{
    m_notifier->reset();
    m_tracker->clear();
}

void TypingRelay::onEventReceived(const QString& name, const QJsonValue& argument)
{
    if (name != ProtocolEvents::Typing)
        return;
    const QJsonObject payload = argument.toObject();
    const QString room = payload.value(QLatin1String("room")).toString();
    Member member;
    const QJsonValue typing = payload.value(QLatin1String("typing"));
    if (!m_isJoined(room) || !Member::fromJson(payload, &member) || !typing.isBool()) {
        qCDebug(lcClientSession) << "ignoring malformed or foreign typing event";
        return;
    }
    if (member.userId == m_ownUserId)
        return; // another connection of ours
    m_tracker->update(room, member, typing.toBool());
}

void TypingRelay::send(const QString& room, bool typing)
{
    if (!m_isJoined(room))
        return;
    // Acknowledged so that its round trip is measured; a refusal (e.g. rate_limited) is
    // harmless: typing is a hint.
    m_connection->emitEvent(ProtocolEvents::Typing,
                            {{QStringLiteral("room"), room}, {QStringLiteral("typing"), typing}},
                            [](bool, const QJsonValue&) {});
}
