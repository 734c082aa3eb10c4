#include "memberlist.h"

#include "chatclient.h"
#include "handlecolor.h"
#include "messagelistmodel.h"

#include <QCollator>
#include <QEvent>

MemberList::MemberList(ChatClient* client, QWidget* parent)
    : QListWidget(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("memberList"));
    setAccessibleName(tr("Members"));
    setAccessibleDescription(tr("People in this room"));
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::TabFocus);
    setUniformItemSizes(true);
    connect(client, &ChatClient::membersChanged, this, &MemberList::onMembersChanged);
    connect(client, &ChatClient::sessionStarted, this, &MemberList::refresh);
}

void MemberList::setRoom(const QString& room)
{
    m_room = room;
    refresh();
}

void MemberList::changeEvent(QEvent* event)
{
    QListWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) // handle colours depend on light or dark
        refresh();
}

void MemberList::onMembersChanged(const QString& room)
{
    if (room == m_room)
        refresh();
}

void MemberList::refresh()
{
    clear();
    QList<Member> members = m_client->members(m_room);
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(members.begin(), members.end(), [&collator](const Member& a, const Member& b) {
        return collator.compare(a.handle, b.handle) < 0;
    });
    const MessageListModel* model = m_client->messages(m_room);
    const QString me = m_client->session().userId;
    for (const Member& member : std::as_const(members)) {
        const QString shown =
            model ? model->displayHandle(member.userId, member.handle) : member.handle;
        auto* item =
            new QListWidgetItem(member.userId == me ? tr("%1 (you)").arg(shown) : shown, this);
        item->setForeground(HandleColor::of(member.handle, palette()));
        item->setToolTip(member.userId);
        item->setData(Qt::UserRole, member.userId);
    }
}
