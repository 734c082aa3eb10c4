// Chaos: a real chat-server (SQLite storage) is killed with SIGKILL twice and restarted on
// the same port and data directory while 6 desktop-client cores (ChatClient over
// SocketIoClient) in 3 rooms send 300 messages each. The clients reconnect, resume their
// identity, rejoin with `since` and re-send their outbox on their own. At the end every
// client's timeline of every room it joined must equal the history stored on disk: seqs
// 1..N without gap or duplicate, every sent message exactly once.

#include "chatclient.h"
#include "messagelistmodel.h"
#include "reconnectbackoff.h"
#include "socketioclient.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

constexpr int ClientCount = 6;
constexpr int RoomCount = 3;
constexpr int MessagesPerClient = 300;
constexpr int TickMs = 10;                // each client sends one message per tick
constexpr int KillAtTicks[] = {100, 200}; // SIGKILL after these ticks' messages went out...
constexpr int KillDelayMs[] = {0, 4};     // ...at once, or when some may be stored, not acked
constexpr int RestartAfterMs = 300;       // the server is down this long
constexpr int ConvergeTimeoutMs = 90000;

QString roomName(int index)
{
    return QStringLiteral("chaos-%1").arg(index);
}

/// The two rooms client @p client joins: every room gets four clients.
QList<QString> roomsOf(int client)
{
    return {roomName(client % RoomCount), roomName((client + 1) % RoomCount)};
}

struct Row
{
    qint64 seq = 0;
    QString id;
    QString userId;
    QString text;
    friend bool operator==(const Row&, const Row&) = default;
};

QString describe(const QList<Row>& rows)
{
    QStringList seqs;
    for (const Row& row : rows)
        seqs.append(QString::number(row.seq));
    return seqs.join(QLatin1Char(','));
}

/// The delivered messages of a timeline, in order (presence lines and pending ones left out).
QList<Row> deliveredRows(const MessageListModel* model)
{
    QList<Row> rows;
    for (int i = 0; i < model->rowCount(); ++i) {
        const QModelIndex index = model->index(i);
        if (index.data(MessageListModel::KindRole).value<MessageListModel::Kind>() !=
                MessageListModel::Kind::Message ||
            index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>() !=
                MessageListModel::Delivery::Delivered)
            continue;
        rows.append(Row{index.data(MessageListModel::SeqRole).toLongLong(),
                        index.data(MessageListModel::MessageIdRole).toString(),
                        index.data(MessageListModel::UserIdRole).toString(),
                        index.data(MessageListModel::TextRole).toString()});
    }
    return rows;
}

struct Participant
{
    std::unique_ptr<SocketIoClient> connection;
    std::unique_ptr<ChatClient> chat;
    QString firstUserId;
    int sessions = 0;
    bool identityKept = true;
    int sent = 0;
    QHash<QString, QStringList> textsSent; // room -> texts, in send order
};

} // namespace

class tst_Chaos : public QObject
{
    Q_OBJECT

private:
    void startServer()
    {
        m_server = std::make_unique<QProcess>();
        m_server->setProcessChannelMode(QProcess::ForwardedOutputChannel);
        m_server->start(QStringLiteral(CHAT_SERVER_BIN),
                        {QStringLiteral("--port"), QString::number(m_port),
                         QStringLiteral("--data-dir"), m_dataDir.path(),
                         QStringLiteral("--storage"), QStringLiteral("sqlite"),
                         QStringLiteral("--message-rate"), QStringLiteral("0")});
        ++m_starts;
    }

    int pendingMessages() const
    {
        int pending = 0;
        for (const Participant& p : m_clients) {
            for (const QString& room : p.chat->joinedRoomNames())
                pending += int(p.chat->messages(room)->pendingMessages().size());
        }
        return pending;
    }

    /// One line per client and room: delivered count, last seq, pending count.
    QString progress() const
    {
        QStringList lines;
        for (int i = 0; i < ClientCount; ++i) {
            const Participant& p = m_clients[i];
            for (const QString& room : p.chat->joinedRoomNames()) {
                const MessageListModel* model = p.chat->messages(room);
                lines.append(QStringLiteral("client %1 %2: delivered %3, last seq %4, pending %5")
                                 .arg(i)
                                 .arg(room)
                                 .arg(deliveredRows(model).size())
                                 .arg(model->lastSeq())
                                 .arg(model->pendingMessages().size()));
            }
        }
        return lines.join(QLatin1Char('\n'));
    }

    bool converged() const
    {
        const qint64 expected = qint64(MessagesPerClient) / 2 * 4; // four senders per room
        for (const Participant& p : m_clients) {
            if (p.sent < MessagesPerClient)
                return false;
            for (const QString& room : p.chat->joinedRoomNames()) {
                const MessageListModel* model = p.chat->messages(room);
                if (!model->pendingMessages().isEmpty() || model->lastSeq() < expected ||
                    deliveredRows(model).size() < expected)
                    return false;
            }
        }
        return true;
    }

    /// The stored history, room -> rows in seq order, read from the database file.
    QHash<QString, QList<Row>> storedHistory()
    {
        QHash<QString, QList<Row>> result;
        const QString name = QStringLiteral("chaos-check");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(QDir(m_dataDir.path()).filePath(QStringLiteral("history.sqlite")));
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            if (db.open()) {
                QSqlQuery query(db);
                query.exec(QStringLiteral("SELECT room, seq, id, user_id, text FROM messages "
                                          "ORDER BY room, seq"));
                while (query.next())
                    result[query.value(0).toString()].append(
                        Row{query.value(1).toLongLong(), query.value(2).toString(),
                            query.value(3).toString(), query.value(4).toString()});
            }
        }
        QSqlDatabase::removeDatabase(name);
        return result;
    }

    QTemporaryDir m_dataDir;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_server;
    int m_starts = 0;
    Participant m_clients[ClientCount];

private Q_SLOTS:
    void sixClientsThreeRoomsTwoKills()
    {
        {
            QTcpServer probe; // a free port, reused by every restart
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            m_port = probe.serverPort();
        }
        startServer();

        for (int i = 0; i < ClientCount; ++i) {
            Participant& p = m_clients[i];
            p.connection = std::make_unique<SocketIoClient>();
            // Fast reconnection keeps the test short; the logic is the default one.
            p.connection->setBackoff(ReconnectBackoff(100, 1000, 0.5));
            p.connection->setServerUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_port));
            p.chat = std::make_unique<ChatClient>(p.connection.get());
            connect(p.chat.get(), &ChatClient::sessionStarted, this, [&p](const SessionInfo& info) {
                if (p.sessions++ == 0)
                    p.firstUserId = info.userId;
                else if (!info.resumed || info.userId != p.firstUserId)
                    p.identityKept = false;
            });
            for (const QString& room : roomsOf(i))
                QVERIFY(p.chat->joinRoom(room));
            p.connection->open();
        }
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         for (const Participant& p : m_clients) {
                             if (!p.chat->isReady())
                                 return false;
                         }
                         return true;
                     },
                     20000),
                 "the clients did not connect");

        // Send on a timer; kill and restart the server in between.
        int tick = 0;
        int kills = 0;
        int pendingAtKills = 0;
        QTimer ticker;
        ticker.setInterval(TickMs);
        connect(&ticker, &QTimer::timeout, this, [&] {
            ++tick;
            for (int i = 0; i < ClientCount; ++i) {
                Participant& p = m_clients[i];
                if (p.sent >= MessagesPerClient)
                    continue;
                const QString room = roomsOf(i).at(p.sent % 2);
                const QString text = QStringLiteral("client %1 message %2").arg(i).arg(p.sent);
                if (p.chat->sendMessage(room, text)) {
                    p.textsSent[room].append(text);
                    ++p.sent;
                }
            }
            if (kills < int(std::size(KillAtTicks)) && tick == KillAtTicks[kills]) {
                // This tick's messages are written but cannot have been acknowledged yet.
                pendingAtKills += pendingMessages();
                QTimer::singleShot(KillDelayMs[kills], this, [this] {
                    m_server->kill(); // SIGKILL
                    m_server->waitForFinished(5000);
                    QTimer::singleShot(RestartAfterMs, this, [this] { startServer(); });
                });
                ++kills;
            }
            if (tick >= MessagesPerClient)
                ticker.stop();
        });
        ticker.start();

        const bool done = QTest::qWaitFor([&] { return converged(); }, ConvergeTimeoutMs);
        QVERIFY2(done, qPrintable(QStringLiteral("no convergence:\n") + progress()));
        QCOMPARE(kills, 2);
        QCOMPARE(m_starts, 3);
        QVERIFY(pendingAtKills > 0);

        // A graceful stop, then the file is the truth.
        m_server->terminate();
        QVERIFY(m_server->waitForFinished(10000));
        QCOMPARE(m_server->exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server->exitCode(), 0);
        const QHash<QString, QList<Row>> stored = storedHistory();
        QCOMPARE(stored.size(), RoomCount);

        for (int r = 0; r < RoomCount; ++r) {
            const QString room = roomName(r);
            const QList<Row>& rows = stored.value(room);
            // Seqs 1..N, no gap, no duplicate.
            for (qsizetype i = 0; i < rows.size(); ++i)
                QCOMPARE(rows[i].seq, i + 1);
            // Every message sent to the room is stored exactly once.
            QHash<QString, int> copies;
            for (const Row& row : rows)
                ++copies[row.text];
            int sentToRoom = 0;
            for (int i = 0; i < ClientCount; ++i) {
                for (const QString& text : m_clients[i].textsSent.value(room)) {
                    ++sentToRoom;
                    QVERIFY2(copies.value(text) == 1,
                             qPrintable(QStringLiteral("'%1' stored %2 times")
                                            .arg(text)
                                            .arg(copies.value(text))));
                }
            }
            QCOMPARE(rows.size(), sentToRoom);
        }
        for (int i = 0; i < ClientCount; ++i) {
            const Participant& p = m_clients[i];
            QVERIFY2(p.identityKept,
                     qPrintable(QStringLiteral("client %1 lost its identity").arg(i)));
            QVERIFY(p.sessions >= 3); // one session per server start
            for (const QString& room : roomsOf(i)) {
                const QList<Row> view = deliveredRows(p.chat->messages(room));
                QVERIFY2(
                    view == stored.value(room),
                    qPrintable(
                        QStringLiteral("client %1 %2 sees %3").arg(i).arg(room, describe(view))));
                // Its own messages carry its identity.
                for (const Row& row : view) {
                    if (row.text.startsWith(QStringLiteral("client %1 ").arg(i)))
                        QCOMPARE(row.userId, p.firstUserId);
                }
            }
        }
    }

    void cleanupTestCase()
    {
        for (Participant& p : m_clients) {
            if (p.connection)
                p.connection->close();
        }
        if (m_server && m_server->state() != QProcess::NotRunning) {
            m_server->kill();
            m_server->waitForFinished(5000);
        }
    }
};

QTEST_GUILESS_MAIN(tst_Chaos)
#include "tst_chaos.moc"
