#include "desktopnotifier.h"

#include "chatmessage.h"

#include <QApplication>
#include <QSystemTrayIcon>

namespace {
constexpr int NotificationMs = 6000;
constexpr int MaxBodyLength = 200;
} // namespace

DesktopNotifier::DesktopNotifier(QObject* parent)
    : QObject(parent)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    m_tray->setToolTip(QApplication::applicationDisplayName());
    connect(m_tray, &QSystemTrayIcon::messageClicked, this,
            [this] { Q_EMIT roomActivated(m_lastRoom); });
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this] { Q_EMIT roomActivated(m_lastRoom); });
    m_tray->show();
}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::shouldNotify(const ChatMessage& message, const QString& ownUserId,
                                   const QString& currentRoom, bool windowActive, bool enabled)
{
    if (!enabled || message.userId == ownUserId)
        return false;
    return message.room != currentRoom || !windowActive;
}

void DesktopNotifier::notify(const ChatMessage& message)
{
    const QString title = tr("#%1: %2").arg(message.room, message.handle);
    QString body = message.text.simplified();
    if (body.size() > MaxBodyLength)
        body = body.left(MaxBodyLength) + QChar(0x2026);
    m_lastRoom = message.room;
    Q_EMIT notified(message.room, title, body);
    if (m_tray) {
        // Freedesktop notification servers may read the body (not the title) as markup:
        // escape it, so that text from the network is shown as it is, never interpreted.
        m_tray->showMessage(title, body.toHtmlEscaped(), QSystemTrayIcon::Information,
                            NotificationMs);
    }
}
