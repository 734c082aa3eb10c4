#pragma once

#include "chaterror.h"

#include <QObject>
#include <QTimer>

class RoomListModel;
class SocketIoClient;

/**
 * The server's room list: `list_rooms` (`{}` -> `{"ok":true,"rooms":[{name,members,
 * last_activity}]}`, shared protocol "list_rooms") on request and every RefreshIntervalMs
 * while the session is ready, answered into a RoomListModel. The periodic request also
 * keeps the round-trip time in the status bar fresh.
 */
class RoomDirectory : public QObject
{
    Q_OBJECT

public:
    /// `list_rooms` is asked this often while started (ms).
    static constexpr int RefreshIntervalMs = 20000;

    /// @param connection requests go out there; not owned, must outlive this object.
    explicit RoomDirectory(SocketIoClient* connection, QObject* parent = nullptr);
    ~RoomDirectory() override;

    /// The rooms as last answered (empty before the first answer).
    RoomListModel* rooms() const { return m_rooms; }

    /// Asks now; the answer replaces rooms(). Nothing happens unless connected.
    void refresh();
    /// Starts asking every RefreshIntervalMs (the session is ready).
    void start() { m_timer.start(); }
    /// Stops the periodic requests (the connection dropped).
    void stop() { m_timer.stop(); }

Q_SIGNALS:
    /// The server refused `list_rooms`.
    void failed(const ChatError& error);

private:
    SocketIoClient* m_connection;
    RoomListModel* m_rooms;
    QTimer m_timer;
};
