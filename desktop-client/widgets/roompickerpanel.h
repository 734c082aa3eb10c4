#pragma once

#include <QTimer>
#include <QWidget>

class ChatClient;
class QLabel;
class QLineEdit;
class QListView;
class QModelIndex;
class QPushButton;
class QToolButton;

/**
 * The room picker: the server's rooms with member counts (objectName "roomsList"), a
 * refresh button ("refreshRoomsButton"), a field for a new or existing room name
 * ("roomNameEdit", Enter joins) with its "Join" button ("joinRoomButton") and an inline
 * explanation of invalid names ("roomNameHint"). It only asks to join; the window decides.
 */
class RoomPickerPanel : public QWidget
{
    Q_OBJECT

public:
    /// @param client whose serverRooms() are listed and refreshed; not owned.
    explicit RoomPickerPanel(ChatClient* client, QWidget* parent = nullptr);

    /// Moves the keyboard focus to the room name field.
    void focusNameEdit();

Q_SIGNALS:
    /// The user asked to join @p name (as typed, or the canonical name of a listed room).
    void joinRequested(const QString& name);

private:
    void onNameEdited(const QString& text);
    void onJoinClicked();
    void onRoomActivated(const QModelIndex& index);
    void onConnectionChanged();

    ChatClient* m_client;
    QListView* m_roomsList;
    QToolButton* m_refreshButton;
    QLineEdit* m_nameEdit;
    QPushButton* m_joinButton;
    QLabel* m_hint;
    QTimer m_autoRefresh;
};
