#include "clientsettings.h"

#include <QSettings>

namespace {
const QString ServerUrlKey = QStringLiteral("connection/serverUrl");
const QString KeepIdentityKey = QStringLiteral("identity/keep");
const QString TokenKey = QStringLiteral("identity/token");
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString JoinedRoomsKey = QStringLiteral("rooms/joined");
const QString LastRoomKey = QStringLiteral("rooms/last");
} // namespace

ClientSettings::ClientSettings(QSettings* store)
    : m_store(store)
{}

QString ClientSettings::serverUrl() const
{
    const QString url = m_store->value(ServerUrlKey).toString().trimmed();
    return url.isEmpty() ? defaultServerUrl() : url;
}

void ClientSettings::setServerUrl(const QString& url)
{
    m_store->setValue(ServerUrlKey, url.trimmed());
}

bool ClientSettings::keepIdentity() const
{
    return m_store->value(KeepIdentityKey, true).toBool();
}

void ClientSettings::setKeepIdentity(bool keep)
{
    m_store->setValue(KeepIdentityKey, keep);
    if (!keep)
        m_store->remove(TokenKey);
}

QString ClientSettings::identityToken() const
{
    return keepIdentity() ? m_store->value(TokenKey).toString() : QString();
}

void ClientSettings::setIdentityToken(const QString& token)
{
    if (keepIdentity())
        m_store->setValue(TokenKey, token);
}

QByteArray ClientSettings::windowGeometry() const
{
    return m_store->value(GeometryKey).toByteArray();
}

void ClientSettings::setWindowGeometry(const QByteArray& geometry)
{
    m_store->setValue(GeometryKey, geometry);
}

QByteArray ClientSettings::windowState() const
{
    return m_store->value(StateKey).toByteArray();
}

void ClientSettings::setWindowState(const QByteArray& state)
{
    m_store->setValue(StateKey, state);
}

QStringList ClientSettings::joinedRooms() const
{
    return m_store->value(JoinedRoomsKey).toStringList();
}

void ClientSettings::setJoinedRooms(const QStringList& rooms)
{
    m_store->setValue(JoinedRoomsKey, rooms);
}

QString ClientSettings::lastRoom() const
{
    return m_store->value(LastRoomKey).toString();
}

void ClientSettings::setLastRoom(const QString& room)
{
    m_store->setValue(LastRoomKey, room);
}

void ClientSettings::sync()
{
    m_store->sync();
}
