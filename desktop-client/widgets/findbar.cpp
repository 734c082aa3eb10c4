#include "findbar.h"

#include "toolbuttonfallback.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

FindBar::FindBar(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_older(new QToolButton(this))
    , m_newer(new QToolButton(this))
    , m_close(new QToolButton(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("findBar"));
    m_edit->setObjectName(QStringLiteral("findEdit"));
    m_edit->setAccessibleName(tr("Find in room"));
    m_edit->setAccessibleDescription(
        tr("Enter finds the previous match, Shift+Enter the next one, Escape closes"));
    m_edit->setPlaceholderText(tr("Find in this room"));
    m_edit->setClearButtonEnabled(true);

    m_older->setObjectName(QStringLiteral("findOlderButton"));
    m_older->setIcon(QIcon(QStringLiteral(":/icons/go-up.svg")));
    m_older->setText(tr("Previous"));
    m_older->setToolTip(tr("Previous match (Enter)"));
    m_older->setAccessibleName(tr("Previous match"));
    m_older->setAutoRaise(true);
    m_newer->setObjectName(QStringLiteral("findNewerButton"));
    m_newer->setIcon(QIcon(QStringLiteral(":/icons/go-down.svg")));
    m_newer->setText(tr("Next"));
    m_newer->setToolTip(tr("Next match (Shift+Enter)"));
    m_newer->setAccessibleName(tr("Next match"));
    m_newer->setAutoRaise(true);
    m_close->setObjectName(QStringLiteral("findCloseButton"));
    m_close->setIcon(QIcon(QStringLiteral(":/icons/close.svg")));
    m_close->setText(tr("Close"));
    m_close->setToolTip(tr("Close (Esc)"));
    m_close->setAccessibleName(tr("Close find bar"));
    m_close->setAutoRaise(true);
    for (QToolButton* button : {m_older, m_newer, m_close})
        ToolButtonFallback::apply(button);

    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_older);
    layout->addWidget(m_newer);
    layout->addWidget(m_close);

    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty())
            m_status->clear();
        else
            Q_EMIT textEdited(text);
    });
    connect(m_older, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(text(), true); });
    connect(m_newer, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(text(), false); });
    connect(m_close, &QToolButton::clicked, this, &FindBar::close);
    hide();
}

void FindBar::activate()
{
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

QString FindBar::text() const
{
    return m_edit->text();
}

void FindBar::setFound(bool found)
{
    m_status->setText(found ? QString() : tr("Not found"));
}

void FindBar::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        close();
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!text().isEmpty())
            Q_EMIT findRequested(text(), !(event->modifiers() & Qt::ShiftModifier));
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void FindBar::close()
{
    hide();
    m_status->clear();
    Q_EMIT closed();
}
