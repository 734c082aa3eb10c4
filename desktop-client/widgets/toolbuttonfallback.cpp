#include "toolbuttonfallback.h"

#include "widgetslogging.h"

#include <QIcon>
#include <QPixmap>
#include <QToolButton>

bool ToolButtonFallback::canDraw(const QIcon& icon, const QSize& size)
{
    return !icon.isNull() && !icon.pixmap(size).isNull();
}

void ToolButtonFallback::apply(QToolButton* button)
{
    const bool drawable = canDraw(button->icon(), button->iconSize());
    if (!drawable)
        qCDebug(lcClientUi) << "no icon for" << button->objectName() << "- showing its text";
    button->setToolButtonStyle(drawable ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextOnly);
}
