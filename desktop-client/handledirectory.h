#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

/**
 * Which users go by which handle in one room, so that two users who share a handle can be
 * told apart: their handles are shown with a short user id tail. Fed from members lists,
 * messages and presence lines; nothing is ever forgotten (a handle once shared stays marked).
 */
class HandleDirectory
{
public:
    /**
     * Records that @p userId goes by @p handle; empty ids or handles are ignored.
     * @return true when this made @p handle shared, i.e. a second user now goes by it
     *         (rows already shown with it need their display handle updated).
     */
    bool note(const QString& userId, const QString& handle);

    /// The handle as shown: @p handle, plus " #" and the last 4 characters of @p userId when
    /// another known user has the same handle (and @p userId is not empty).
    QString displayHandle(const QString& userId, const QString& handle) const;

private:
    QHash<QString, QStringList> m_usersByHandle;
};
