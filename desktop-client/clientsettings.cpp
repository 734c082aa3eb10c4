#include "clientsettings.h"

#include <QRegularExpression>
#include <QSettings>

namespace {
const QString ServerUrlKey = QStringLiteral("connection/serverUrl");
const QString PinnedCertKey = QStringLiteral("connection/pinnedCertSha256");
const QString KeepIdentityKey = QStringLiteral("identity/keep");
const QString TokenKey = QStringLiteral("identity/token");
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString JoinedRoomsKey = QStringLiteral("rooms/joined");
const QString LastRoomKey = QStringLiteral("rooms/last");
const QString NotificationsKey = QStringLiteral("ui/notifications");
const QString ThemeKey = QStringLiteral("ui/theme");
const QString FontSizeKey = QStringLiteral("ui/fontPointSize");
const QString MemberListKey = QStringLiteral("ui/memberListVisible");
} // namespace

ClientSettings::ClientSettings(QSettings* store)
    : m_store(store)
{}

QString ClientSettings::serverUrl() const
{
    const QString url = m_store->value(ServerUrlKey).toString().trimmed();
    return url.isEmpty() ? defaultServerUrl() : url;
}

QStringList ClientSettings::splitServerUrls(const QString& text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

void ClientSettings::setServerUrl(const QString& url)
{
    m_store->setValue(ServerUrlKey, url.trimmed());
}

QByteArray ClientSettings::pinnedCertificateSha256() const
{
    const QByteArray digest =
        QByteArray::fromHex(m_store->value(PinnedCertKey).toString().trimmed().toLatin1());
    return digest.size() == 32 ? digest : QByteArray();
}

void ClientSettings::setPinnedCertificateSha256(const QByteArray& sha256)
{
    if (sha256.isEmpty())
        m_store->remove(PinnedCertKey);
    else
        m_store->setValue(PinnedCertKey, QString::fromLatin1(sha256.toHex()));
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

bool ClientSettings::notificationsEnabled() const
{
    return m_store->value(NotificationsKey, true).toBool();
}

void ClientSettings::setNotificationsEnabled(bool enabled)
{
    m_store->setValue(NotificationsKey, enabled);
}

ClientSettings::Theme ClientSettings::theme() const
{
    const QString name = m_store->value(ThemeKey).toString();
    if (name == QLatin1String("light"))
        return Theme::Light;
    if (name == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

void ClientSettings::setTheme(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        m_store->setValue(ThemeKey, QStringLiteral("light"));
        return;
    case Theme::Dark:
        m_store->setValue(ThemeKey, QStringLiteral("dark"));
        return;
    case Theme::System:
        break;
    }
    m_store->setValue(ThemeKey, QStringLiteral("system"));
}

int ClientSettings::fontPointSize() const
{
    const int points = m_store->value(FontSizeKey, 0).toInt();
    return points >= 6 && points <= 32 ? points : 0;
}

void ClientSettings::setFontPointSize(int points)
{
    m_store->setValue(FontSizeKey, points);
}

bool ClientSettings::memberListVisible() const
{
    return m_store->value(MemberListKey, true).toBool();
}

void ClientSettings::setMemberListVisible(bool visible)
{
    m_store->setValue(MemberListKey, visible);
}

void ClientSettings::sync()
{
    m_store->sync();
}
