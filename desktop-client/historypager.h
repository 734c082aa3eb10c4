#pragma once

#include "chaterror.h"

#include <QJsonValue>
#include <QObject>
#include <QSet>

class MessageListModel;
class SocketIoClient;

/**
 * Pages a room's history in and out of its MessageListModel window with `history`
 * (`{"room","before","limit"}` -> `{"history":[...],"has_more"}`, before exclusive):
 * older pages before the first loaded seq, and, after older pages pushed the newest rows
 * out of the window, newer pages again (before = newest loaded + 1 + PageSize, whose
 * overlap the model drops). One request per room at a time.
 */
class HistoryPager : public QObject
{
    Q_OBJECT

public:
    /// Messages per `history` page (the server clamps limit to 1..100).
    static constexpr int PageSize = 50;

    /// @param connection used to send the requests; not owned, must outlive this object.
    explicit HistoryPager(SocketIoClient* connection, QObject* parent = nullptr);

    /**
     * Asks for the page before @p model's first seq (@p older) or after its newest loaded
     * seq. The answer is inserted into @p model (if it still exists then).
     * @return false when nothing was sent: a request for @p room is in flight, nothing is
     *         left in that direction (MessageListModel::canFetchOlder(), isAtLatest()), or
     *         the connection is not connected.
     */
    bool fetch(const QString& room, MessageListModel* model, bool older);
    /// True while a request of @p room is in flight.
    bool isFetching(const QString& room) const { return m_inFlight.contains(room); }

Q_SIGNALS:
    /// A page of @p room was inserted: @p count new messages, at the top when @p older.
    void pageInserted(const QString& room, int count, bool older);
    /// The server refused a request.
    void failed(const ChatError& error);

private:
    SocketIoClient* m_connection;
    QSet<QString> m_inFlight;
};
