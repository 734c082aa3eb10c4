#pragma once

#include <QHash>
#include <QTimer>
#include <QWidget>

class ChatClient;
class FindBar;
class MessageInput;
class MessageView;
class QAction;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

/**
 * The room in the middle of the window: a header with the room name ("roomHeader") and
 * member count ("memberCountLabel") and tool buttons, the find bar, the messages
 * (MessageView), who is typing ("typingLabel"), the send state ("sendStatusLabel": the
 * rate-limit countdown), and the input (MessageInput) with a code point counter near the
 * limit ("charCounter") and the send button ("sendButton"). Drafts are kept per room.
 */
class RoomView : public QWidget
{
    Q_OBJECT

public:
    /// Counter appears when the text is longer than this many code points.
    static constexpr int CounterThreshold = 3500;

    /// @param client the session shown; not owned.
    explicit RoomView(ChatClient* client, QWidget* parent = nullptr);

    /// Shows room @p room (canonical name; empty: none, the input is disabled).
    void setRoom(const QString& room);
    QString room() const { return m_room; }

    /// Adds a tool button for @p action to the header (e.g. the member list toggle).
    void addHeaderAction(QAction* action);
    /// Opens the find bar (Ctrl+F).
    void startFind();
    /// Focuses the message input.
    void focusInput();

    MessageView* messageView() const { return m_view; }

    /// "X is typing…", "X and Y are typing…" or "Several people are typing…"; empty for none.
    static QString typingText(const QStringList& handles);

Q_SIGNALS:
    /// A link in a message was clicked.
    void linkActivated(const QUrl& url);

private:
    void onSendRequested();
    void onInputChanged();
    void onTypingChanged(const QString& room);
    void onSendDelayed(const QString& room);
    void onFind(const QString& text, bool older);
    void updateHeader();
    void updateSendStatus();

    ChatClient* m_client;
    QString m_room;
    QHash<QString, QString> m_drafts;
    QLabel* m_header;
    QLabel* m_memberCount;
    QHBoxLayout* m_headerTools;
    FindBar* m_findBar;
    MessageView* m_view;
    QLabel* m_typing;
    QLabel* m_sendStatus;
    MessageInput* m_input;
    QLabel* m_counter;
    QPushButton* m_sendButton;
    QTimer m_countdown;
};
