#include "roomview.h"

#include "chatclient.h"
#include "chattext.h"
#include "findbar.h"
#include "joinedroomsmodel.h"
#include "messageinput.h"
#include "messagelistmodel.h"
#include "messageview.h"
#include "outbox.h"
#include "toolbuttonfallback.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

RoomView::RoomView(ChatClient* client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_header(new QLabel(this))
    , m_memberCount(new QLabel(this))
    , m_headerTools(new QHBoxLayout)
    , m_findBar(new FindBar(this))
    , m_view(new MessageView(this))
    , m_typing(new QLabel(this))
    , m_sendStatus(new QLabel(this))
    , m_input(new MessageInput(this))
    , m_counter(new QLabel(this))
    , m_sendButton(new QPushButton(QIcon(QStringLiteral(":/icons/send.svg")), tr("&Send"), this))
{
    setObjectName(QStringLiteral("roomView"));
    m_header->setObjectName(QStringLiteral("roomHeader"));
    m_header->setTextFormat(Qt::PlainText);
    m_header->setAccessibleName(tr("Room name"));
    QFont headerFont = m_header->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.25);
    m_header->setFont(headerFont);
    m_memberCount->setObjectName(QStringLiteral("memberCountLabel"));
    m_memberCount->setTextFormat(Qt::PlainText);
    m_memberCount->setForegroundRole(QPalette::PlaceholderText);
    m_memberCount->setAccessibleName(tr("Member count"));

    m_typing->setObjectName(QStringLiteral("typingLabel"));
    m_typing->setTextFormat(Qt::PlainText);
    m_typing->setAccessibleName(tr("Typing"));
    QFont small = m_typing->font();
    small.setItalic(true);
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_typing->setFont(small);
    m_typing->setForegroundRole(QPalette::PlaceholderText);
    // Reserve the line so the input does not jump when someone starts typing.
    m_typing->setMinimumHeight(QFontMetrics(small).height());
    m_sendStatus->setObjectName(QStringLiteral("sendStatusLabel"));
    m_sendStatus->setTextFormat(Qt::PlainText);
    m_sendStatus->setAccessibleName(tr("Send status"));
    m_sendStatus->hide();

    m_input->setAccessibleName(tr("Message"));
    m_input->setAccessibleDescription(
        tr("Enter sends, Shift+Enter starts a new line. Up to %n character(s)", nullptr,
           ChatText::MaxMessageCodePoints));
    m_counter->setObjectName(QStringLiteral("charCounter"));
    m_counter->setTextFormat(Qt::PlainText);
    m_counter->setAccessibleName(tr("Characters used"));
    m_counter->hide();
    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setAccessibleName(tr("Send message"));
    m_sendButton->setToolTip(tr("Send (Enter)"));

    auto* headerRow = new QHBoxLayout;
    headerRow->addWidget(m_header);
    headerRow->addSpacing(8);
    headerRow->addWidget(m_memberCount);
    headerRow->addStretch(1);
    headerRow->addLayout(m_headerTools);
    auto* inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_counter, 0, Qt::AlignBottom);
    inputRow->addWidget(m_sendButton, 0, Qt::AlignBottom);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 6);
    layout->setSpacing(4);
    layout->addLayout(headerRow);
    layout->addWidget(m_findBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_typing);
    layout->addWidget(m_sendStatus);
    layout->addLayout(inputRow);

    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, &RoomView::updateSendStatus);
    connect(m_input, &MessageInput::submitted, this, &RoomView::onSendRequested);
    connect(m_input, &QPlainTextEdit::textChanged, this, &RoomView::onInputChanged);
    connect(m_sendButton, &QPushButton::clicked, this, &RoomView::onSendRequested);
    connect(m_findBar, &FindBar::findRequested, this, &RoomView::onFind);
    connect(m_findBar, &FindBar::textEdited, this, [this](const QString& text) {
        m_findBar->setFound(m_view->findText(text, true, true));
    });
    connect(m_findBar, &FindBar::closed, this, &RoomView::focusInput);
    connect(m_view, &MessageView::linkActivated, this, &RoomView::linkActivated);
    connect(m_view, &MessageView::olderMessagesWanted, this,
            [this] { m_client->fetchOlderMessages(m_room); });
    connect(m_view, &MessageView::newerMessagesWanted, this,
            [this] { m_client->fetchNewerMessages(m_room); });
    connect(m_view, &MessageView::retryRequested, this,
            [this](const QString& clientId) { m_client->retryMessage(m_room, clientId); });
    connect(client, &ChatClient::typingChanged, this, &RoomView::onTypingChanged);
    connect(client, &ChatClient::sendDelayed, this, &RoomView::onSendDelayed);
    connect(client->joinedRooms(), &QAbstractItemModel::dataChanged, this, &RoomView::updateHeader);
    setRoom({});
}

void RoomView::setRoom(const QString& room)
{
    if (!m_room.isEmpty())
        m_drafts.insert(m_room, m_input->text());
    m_room = room;
    MessageListModel* model = m_client->messages(room);
    m_view->setModel(model);
    const bool haveRoom = model != nullptr;
    m_input->setEnabled(haveRoom);
    m_sendButton->setEnabled(haveRoom);
    {
        const QSignalBlocker blocker(m_input); // restoring a draft is not typing
        m_input->setPlainText(m_drafts.take(room));
    }
    m_input->moveCursor(QTextCursor::End);
    m_input->setPlaceholderText(haveRoom ? tr("Message #%1").arg(room)
                                         : tr("Join a room to start chatting (Ctrl+K)"));
    onInputChanged();
    onTypingChanged(room);
    updateHeader();
    updateSendStatus();
}

void RoomView::addHeaderAction(QAction* action)
{
    auto* button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setObjectName(action->objectName() + QLatin1String("Button"));
    button->setAccessibleName(action->text().remove(QLatin1Char('&')));
    ToolButtonFallback::apply(button);
    m_headerTools->addWidget(button);
}

void RoomView::startFind()
{
    if (!m_room.isEmpty())
        m_findBar->activate();
}

void RoomView::focusInput()
{
    if (m_input->isEnabled())
        m_input->setFocus(Qt::OtherFocusReason);
}

QString RoomView::typingText(const QStringList& handles)
{
    switch (handles.size()) {
    case 0:
        return {};
    case 1:
        return tr("%1 is typing…").arg(handles.at(0));
    case 2:
        return tr("%1 and %2 are typing…").arg(handles.at(0), handles.at(1));
    default:
        return tr("Several people are typing…");
    }
}

void RoomView::onSendRequested()
{
    const QString text = m_input->text();
    if (m_room.isEmpty() || ChatText::isBlank(text))
        return;
    if (m_client->sendMessage(m_room, text))
        m_input->clear();
}

void RoomView::onInputChanged()
{
    const QString text = m_input->text();
    const qsizetype count = ChatText::codePointCount(text);
    const bool over = count > ChatText::MaxMessageCodePoints;
    m_counter->setVisible(count > CounterThreshold);
    m_counter->setText(tr("%1/%2").arg(count).arg(ChatText::MaxMessageCodePoints));
    QPalette counterPalette = palette();
    counterPalette.setColor(QPalette::WindowText,
                            over ? QColor(Qt::red) : palette().color(QPalette::PlaceholderText));
    m_counter->setPalette(counterPalette);
    m_counter->setToolTip(over ? tr("Too long: remove %n character(s) to send", nullptr,
                                    count - ChatText::MaxMessageCodePoints)
                               : QString());
    m_sendButton->setEnabled(!m_room.isEmpty() && !over && !ChatText::isBlank(text));
    if (!m_room.isEmpty())
        m_client->setTyping(m_room, !text.isEmpty());
}

void RoomView::onTypingChanged(const QString& room)
{
    if (room != m_room)
        return;
    QStringList handles;
    const MessageListModel* model = m_client->messages(room);
    for (const Member& member : m_client->typingMembers(room))
        handles.append(model ? model->displayHandle(member.userId, member.handle) : member.handle);
    m_typing->setText(typingText(handles));
}

void RoomView::onSendDelayed(const QString& room)
{
    if (room == m_room)
        updateSendStatus();
}

void RoomView::onFind(const QString& text, bool older)
{
    m_findBar->setFound(m_view->findText(text, older));
}

void RoomView::updateHeader()
{
    const JoinedRoomsModel* rooms = m_client->joinedRooms();
    const int row = rooms->rowOf(m_room);
    if (row < 0) {
        m_header->setText(tr("No room"));
        m_memberCount->clear();
        return;
    }
    m_header->setText(tr("#%1").arg(m_room));
    const QModelIndex index = rooms->index(row);
    if (!index.data(JoinedRoomsModel::JoinedRole).toBool()) {
        m_memberCount->setText(tr("joining…"));
        return;
    }
    const int members = index.data(JoinedRoomsModel::MemberCountRole).toInt();
    m_memberCount->setText(tr("%n member(s)", nullptr, members));
}

void RoomView::updateSendStatus()
{
    const int ms = m_room.isEmpty() ? 0 : m_client->outbox()->msUntilRetry(m_room);
    if (ms <= 0) {
        m_countdown.stop();
        m_sendStatus->hide();
        return;
    }
    if (!m_countdown.isActive())
        m_countdown.start();
    m_sendStatus->setText(
        tr("Sending too fast: waiting messages go out in %n s", nullptr, (ms + 999) / 1000));
    m_sendStatus->show();
}
