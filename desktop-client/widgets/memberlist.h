#pragma once

#include <QListWidget>

class ChatClient;

/**
 * The members of the room shown (objectName "memberList"), from the join ack and presence
 * events (ChatClient::members()), sorted by handle; ours marked "(you)", each in its
 * handle's colour, with the user_id suffix when two share a handle.
 */
class MemberList : public QListWidget
{
    Q_OBJECT

public:
    /// @param client whose members are listed; not owned.
    explicit MemberList(ChatClient* client, QWidget* parent = nullptr);

    /// Shows the members of @p room (canonical name; empty: none).
    void setRoom(const QString& room);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onMembersChanged(const QString& room);
    void refresh();

    ChatClient* m_client;
    QString m_room;
};
