#include "handledirectory.h"

bool HandleDirectory::note(const QString& userId, const QString& handle)
{
    if (userId.isEmpty() || handle.isEmpty())
        return false;
    QStringList& users = m_usersByHandle[handle];
    if (users.contains(userId))
        return false;
    users.append(userId);
    return users.size() == 2;
}

QString HandleDirectory::displayHandle(const QString& userId, const QString& handle) const
{
    if (m_usersByHandle.value(handle).size() < 2 || userId.isEmpty())
        return handle;
    return handle + QLatin1String(" #") + userId.right(4);
}
