#pragma once

#include <QObject>
#include <QString>

struct ChatMessage;
class QSystemTrayIcon;

/**
 * Desktop notifications for new messages through QSystemTrayIcon: for messages in rooms
 * other than the one shown, or in any room while the window is not active; never for our
 * own messages or when turned off in the settings. Where the platform has no system tray
 * (shouldNotify() still decides, notified() is still emitted) nothing is shown.
 */
class DesktopNotifier : public QObject
{
    Q_OBJECT

public:
    explicit DesktopNotifier(QObject* parent = nullptr);
    ~DesktopNotifier() override;

    /**
     * The rule: notify unless @p message is ours (@p ownUserId), notifications are off, or
     * it is in @p currentRoom while the window is active.
     */
    static bool shouldNotify(const ChatMessage& message, const QString& ownUserId,
                             const QString& currentRoom, bool windowActive, bool enabled);

    /// Shows @p message as a notification ("#room: handle" and the text, as plain text).
    void notify(const ChatMessage& message);

Q_SIGNALS:
    /// A notification for @p room was shown (or would have been, without a tray).
    void notified(const QString& room, const QString& title, const QString& body);
    /// The user clicked the notification (or the tray icon) about @p room.
    void roomActivated(const QString& room);

private:
    QSystemTrayIcon* m_tray = nullptr;
    QString m_lastRoom;
};
