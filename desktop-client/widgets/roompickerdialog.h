#pragma once

#include <QDateTime>
#include <QDialog>

class ChatClient;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QToolButton;

/**
 * The room picker (Ctrl+K): the server's rooms with member counts and last activity
 * ("roomsList"), filtered as you type in "roomFilterEdit". When the typed text is a valid
 * room name that is not listed, the first row joins it as a new room; an invalid name is
 * explained right below the field ("roomNameHint") and cannot be sent. Enter or a double
 * click joins the highlighted room, Up/Down move the highlight, Esc closes.
 */
class RoomPickerDialog : public QDialog
{
    Q_OBJECT

public:
    /// Item data role of a row: the canonical room name it joins.
    static constexpr int RoomNameRole = Qt::UserRole + 1;
    /// Item data role of a row: true for the "join a new room" row.
    static constexpr int NewRoomRole = Qt::UserRole + 2;

    /// @param client whose serverRooms() are listed and refreshed; not owned.
    explicit RoomPickerDialog(ChatClient* client, QWidget* parent = nullptr);

    /// The room a click or Enter would join now; empty when none.
    QString selectedRoom() const;

    /// Why @p typed is not a valid room name, in the user's language.
    static QString explainInvalidName(const QString& typed);

    /// "just now", "5 minutes ago", "3 hours ago", "2 days ago" for @p time seen at @p now.
    static QString activityText(const QDateTime& time, const QDateTime& now);

Q_SIGNALS:
    /// The user chose to join @p room (canonical name). The dialog closes itself.
    void joinRequested(const QString& room);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void onActivated(QListWidgetItem* item);
    void joinSelected();

    ChatClient* m_client;
    QLineEdit* m_filter;
    QLabel* m_hint;
    QListWidget* m_list;
    QToolButton* m_refresh;
    QLabel* m_empty;
};
