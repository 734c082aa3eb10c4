#include "outbox.h"

#include "chaterror.h"
#include "chatmessage.h"
#include "chattext.h"
#include "clientlogging.h"
#include "outboxfile.h"
#include "protocolevents.h"
#include "serverreply.h"
#include "socketioclient.h"

#include <QJsonObject>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

#include <algorithm>

Outbox::Outbox(SocketIoClient* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_clock.start();
}

Outbox::~Outbox() = default;

QString Outbox::defaultStorageFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QLatin1String("/outbox.json");
}

bool Outbox::setStorageFile(const QString& path)
{
    m_path = path;
    QList<Entry> saved;
    const bool ok = OutboxFile::read(path, &saved);
    for (const Entry& entry : std::as_const(saved)) {
        if (!contains(entry.clientId))
            m_entries.append(entry);
    }
    if (!saved.isEmpty())
        qCInfo(lcClientSession) << "outbox:" << saved.size() << "unsent messages restored";
    return ok;
}

QStringList Outbox::rooms() const
{
    QStringList rooms;
    for (const Entry& entry : m_entries) {
        if (!rooms.contains(entry.room))
            rooms.append(entry.room);
    }
    return rooms;
}

void Outbox::save() const
{
    if (!m_path.isEmpty())
        OutboxFile::write(m_path, m_entries);
}

QString Outbox::newClientId()
{
    return QLatin1String("c-") + QUuid::createUuid().toString(QUuid::Id128);
}

QString Outbox::refusal(const QString& text)
{
    if (ChatText::isBlank(text))
        return tr("The message is empty.");
    if (ChatText::codePointCount(text) > ChatText::MaxMessageCodePoints)
        return tr("The message is longer than %n character(s).", nullptr,
                  ChatText::MaxMessageCodePoints);
    if (ChatText::hasLoneSurrogate(text))
        return tr("The message contains invalid characters.");
    return {};
}

Outbox::Entry Outbox::add(const QString& room, const QString& text, const QDateTime& createdAt)
{
    Entry entry{newClientId(), room, text, createdAt, false};
    m_entries.append(entry);
    save();
    return entry;
}

bool Outbox::remove(const QString& clientId)
{
    const int index = indexOf(clientId);
    if (index < 0)
        return false;
    m_entries.removeAt(index);
    m_inFlight.remove(clientId);
    save();
    return true;
}

void Outbox::removeRoom(const QString& room)
{
    for (const Entry& entry : std::as_const(m_entries)) {
        if (entry.room == room)
            m_inFlight.remove(entry.clientId);
    }
    if (m_entries.removeIf([&room](const Entry& entry) { return entry.room == room; }) > 0)
        save();
    m_holdUntil.remove(room);
}

bool Outbox::contains(const QString& clientId) const
{
    return indexOf(clientId) >= 0;
}

QList<Outbox::Entry> Outbox::entries(const QString& room) const
{
    QList<Entry> result;
    for (const Entry& entry : m_entries) {
        if (entry.room == room)
            result.append(entry);
    }
    return result;
}

QList<Outbox::Entry> Outbox::allEntries() const
{
    QList<Entry> result;
    for (const QString& room : rooms())
        result.append(entries(room));
    return result;
}

QList<Outbox::Entry> Outbox::readyToSend(const QString& room) const
{
    QList<Entry> result;
    if (msUntilRetry(room) > 0)
        return result;
    for (const Entry& entry : m_entries) {
        if (entry.room == room && !entry.failed && !m_inFlight.contains(entry.clientId))
            result.append(entry);
    }
    return result;
}

int Outbox::flush(const QString& room)
{
    int sent = 0;
    for (const Entry& entry : readyToSend(room)) {
        const QJsonObject payload{{QStringLiteral("room"), room},
                                  {QStringLiteral("text"), entry.text},
                                  {QStringLiteral("client_id"), entry.clientId}};
        QPointer<Outbox> self(this);
        const QString clientId = entry.clientId;
        if (!m_connection->emitEvent(ProtocolEvents::SendMessage, payload,
                                     [self, room, clientId](bool acked, const QJsonValue& reply) {
                                         if (self)
                                             self->onAck(room, clientId, acked, reply);
                                     }))
            break; // not connected: everything goes out after the rejoin
        m_inFlight.insert(clientId);
        ++sent;
    }
    return sent;
}

void Outbox::onAck(const QString& room, const QString& clientId, bool acked,
                   const QJsonValue& reply)
{
    m_inFlight.remove(clientId);
    if (!acked || !contains(clientId))
        return; // not acknowledged: sent again after the rejoin; or already acknowledged
    if (ServerReply::isOk(reply)) {
        ChatMessage message;
        QString error;
        if (!ChatMessage::fromJson(reply.toObject().value(QLatin1String("message")).toObject(),
                                   &message, &error)) {
            qCWarning(lcClientSession) << "malformed send_message ack:" << error;
            return; // kept: the broadcast or the next rejoin's history acknowledges it
        }
        if (message.clientId.isEmpty())
            message.clientId = clientId;
        remove(clientId);
        Q_EMIT delivered(message);
        return;
    }
    const ChatError error = ServerReply::error(reply);
    qCInfo(lcClientSession) << "send refused:" << ChatError::codeName(error.code);
    switch (error.code) {
    case ChatError::Code::RateLimited: {
        // Stays pending and goes out by itself once allowed.
        const int delay = int(std::clamp<qint64>(error.retryAfterMs, 100, 60000));
        defer(room, delay);
        Q_EMIT delayed(room, delay);
        return;
    }
    case ChatError::Code::NotInRoom:
        // Membership was lost (e.g. a server restart raced the join).
        Q_EMIT membershipLost(room);
        return;
    default:
        setFailed(clientId, true);
        Q_EMIT failed(room, clientId, error);
        return;
    }
}

bool Outbox::isInFlight(const QString& clientId) const
{
    return m_inFlight.contains(clientId);
}

void Outbox::connectionLost()
{
    m_inFlight.clear();
}

void Outbox::setFailed(const QString& clientId, bool failed)
{
    const int index = indexOf(clientId);
    if (index >= 0 && m_entries.at(index).failed != failed) {
        m_entries[index].failed = failed;
        save();
    }
}

void Outbox::defer(const QString& room, int delayMs)
{
    const qint64 until = m_clock.elapsed() + std::max(0, delayMs);
    m_holdUntil.insert(room, until);
    QTimer::singleShot(std::max(0, delayMs), this, [this, room, until] {
        if (m_holdUntil.value(room, -1) != until)
            return; // left, or a later refusal moved the time
        m_holdUntil.remove(room);
        Q_EMIT retryDue(room);
    });
}

int Outbox::msUntilRetry(const QString& room) const
{
    const auto it = m_holdUntil.constFind(room);
    if (it == m_holdUntil.cend())
        return 0;
    return int(std::max<qint64>(0, *it - m_clock.elapsed()));
}

int Outbox::indexOf(const QString& clientId) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).clientId == clientId)
            return i;
    }
    return -1;
}
