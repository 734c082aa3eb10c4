#include "chatclient.h"
#include "chattext.h"
#include "fakesocketioserver.h"
#include "joinedroomsmodel.h"
#include "messagelistmodel.h"
#include "roomlistmodel.h"
#include "timestamp.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

using Delivery = MessageListModel::Delivery;

/// Just enough chat semantics for the client's tests, kept across fake server restarts.
struct MiniChat
{
    QHash<QString, QList<QJsonObject>> rooms; // stored messages per room
    QHash<QString, QJsonObject> byClientId;
    bool dropSends = false; // record send_message but neither store nor ack it

    QJsonObject store(const QString& room, const QString& userId, const QString& handle,
                      const QString& text, const QString& clientId)
    {
        QList<QJsonObject>& list = rooms[room];
        const QJsonObject message{
            {QStringLiteral("room"), room},
            {QStringLiteral("seq"), list.size() + 1},
            {QStringLiteral("id"), QStringLiteral("m_%1_%2").arg(room).arg(list.size() + 1)},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("handle"), handle},
            {QStringLiteral("text"), text},
            {QStringLiteral("ts"), Timestamp::format(QDateTime::currentDateTimeUtc())},
            {QStringLiteral("client_id"),
             clientId.isEmpty() ? QJsonValue() : QJsonValue(clientId)}};
        list.append(message);
        return message;
    }

    void attach(FakeSocketIoServer* server)
    {
        server->handler = [this, server](const QString& name,
                                         const QJsonObject& p) -> std::optional<QJsonValue> {
            const QString room = p.value(QLatin1String("room")).toString();
            if (name == QLatin1String("join_room")) {
                const qint64 since = p.value(QLatin1String("since")).toInteger(0);
                QJsonArray history;
                for (const QJsonObject& m : rooms.value(room)) {
                    if (m.value(QLatin1String("seq")).toInteger() > since)
                        history.append(m);
                }
                return QJsonObject{
                    {QStringLiteral("ok"), true},
                    {QStringLiteral("room"), room},
                    {QStringLiteral("members"),
                     QJsonArray{
                         QJsonObject{{QStringLiteral("user_id"), QStringLiteral("u_amberotter")},
                                     {QStringLiteral("handle"), QStringLiteral("Amber Otter")}}}},
                    {QStringLiteral("history"), history},
                    {QStringLiteral("last_seq"), rooms.value(room).size()},
                    {QStringLiteral("truncated"), false}};
            }
            if (name == QLatin1String("send_message")) {
                if (dropSends)
                    return std::nullopt;
                const QString clientId = p.value(QLatin1String("client_id")).toString();
                if (byClientId.contains(clientId)) // a retry: the original, no broadcast
                    return QJsonObject{{QStringLiteral("ok"), true},
                                       {QStringLiteral("message"), byClientId.value(clientId)}};
                const QJsonObject m =
                    store(room, QStringLiteral("u_amberotter"), QStringLiteral("Amber Otter"),
                          p.value(QLatin1String("text")).toString(), clientId);
                byClientId.insert(clientId, m);
                server->emitToAll(QStringLiteral("message"), m);
                return QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("message"), m}};
            }
            if (name == QLatin1String("history")) {
                const QList<QJsonObject>& stored = rooms.value(room);
                const qint64 before = p.value(QLatin1String("before")).toInteger(stored.size() + 1);
                const qint64 limit = p.value(QLatin1String("limit")).toInteger(50);
                const qint64 from = std::max<qint64>(1, before - limit);
                QJsonArray page;
                for (qint64 seq = from; seq < before && seq <= stored.size(); ++seq)
                    page.append(stored.at(seq - 1));
                return QJsonObject{{QStringLiteral("ok"), true},
                                   {QStringLiteral("room"), room},
                                   {QStringLiteral("history"), page},
                                   {QStringLiteral("has_more"), from > 1}};
            }
            if (name == QLatin1String("list_rooms")) {
                QJsonArray list;
                QStringList names = rooms.keys();
                names.sort();
                for (const QString& n : names)
                    list.append(QJsonObject{{QStringLiteral("room"), n},
                                            {QStringLiteral("members"), 1},
                                            {QStringLiteral("last_activity"),
                                             Timestamp::format(QDateTime::currentDateTimeUtc())}});
                return QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("rooms"), list}};
            }
            return QJsonObject{{QStringLiteral("ok"), true}};
        };
    }
};

QList<FakeSocketIoServer::ReceivedEvent> eventsNamed(const FakeSocketIoServer& server,
                                                     const QString& name)
{
    QList<FakeSocketIoServer::ReceivedEvent> found;
    for (const auto& event : server.events) {
        if (event.name == name)
            found.append(event);
    }
    return found;
}

/**
 * A ChatClient on a SocketIoClient aimed at a FakeSocketIoServer that `chat` answers. The
 * server can be dropped (a crash) and restarted on the same port while the client lives on.
 */
struct ClientFixture
{
    ClientFixture() { chat.attach(server.get()); }

    /// Listens on any free port and aims the connection at it. @return false when it cannot.
    bool listen()
    {
        if (!server->listen())
            return false;
        port = server->port();
        connection.setServerUrl(server->url());
        return true;
    }

    /**
     * A new server on the port that listen() found, answered by @p answering (the fixture's
     * `chat` unless given). @return false when it cannot listen.
     */
    bool restart(MiniChat* answering = nullptr)
    {
        server = std::make_unique<FakeSocketIoServer>();
        (answering ? answering : &chat)->attach(server.get());
        return server->listen(port);
    }

    /**
     * Asks to join @p rooms, opens the connection and waits (5 s at most) until the session
     * has started and every room is joined. @return false, with a warning, when not.
     */
    bool connectAndJoin(const QStringList& rooms = {QStringLiteral("lobby")})
    {
        for (const QString& room : rooms)
            client.joinRoom(room);
        connection.open();
        if (QTest::qWaitFor([&] { return sessions.size() == 1 && joined.size() == rooms.size(); }))
            return true;
        qWarning("sessions %d (want 1), rooms joined %d (want %d)", int(sessions.size()),
                 int(joined.size()), int(rooms.size()));
        return false;
    }

    std::unique_ptr<FakeSocketIoServer> server = std::make_unique<FakeSocketIoServer>();
    MiniChat chat;
    quint16 port = 0; ///< where listen() found a free port
    SocketIoClient connection;
    ChatClient client{&connection};
    QSignalSpy sessions{&client, &ChatClient::sessionStarted};
    QSignalSpy joined{&client, &ChatClient::roomJoined};
};

} // namespace

class TestChatClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invalidRoomNameIsReported();
    void joinSendAndDeliver();
    void serverRefusalMarksMessageFailed();
    void pendingMessagesAreResentAfterReconnect();
    void rejoinWithSinceFillsTheGap();
    void historyResetOnTheServerIsResynced();
    void refreshRoomsFillsTheModel();
    void presenceUpdatesTimelineAndMembers();
    void shutdownNoticeDefersReconnect();
    void leaveRoomTellsTheServer();
    void typingGoesBothWays();
    void olderHistoryIsPagedIn();
    void roundTripIsMeasured();
};

void TestChatClient::invalidRoomNameIsReported()
{
    SocketIoClient connection;
    ChatClient client(&connection);
    QSignalSpy failed(&client, &ChatClient::roomJoinFailed);
    QVERIFY(!client.joinRoom(QStringLiteral("no spaces allowed")));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!failed.first().at(1).toString().isEmpty());
    QVERIFY(client.joinedRoomNames().isEmpty());
    QVERIFY(!client.sendMessage(QStringLiteral("lobby"), QStringLiteral("x")));
}

void TestChatClient::joinSendAndDeliver()
{
    ClientFixture f;
    QVERIFY(f.listen());
    QAbstractItemModelTester joinedTester(f.client.joinedRooms(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(f.client.joinRoom(QStringLiteral("  Lobby ")));
    QCOMPARE(f.client.joinedRoomNames(), QStringList{QStringLiteral("lobby")});
    f.connection.open();
    QTRY_COMPARE(f.sessions.size(), 1);
    QCOMPARE(f.client.session().handle, QStringLiteral("Amber Otter"));
    QTRY_COMPARE(f.joined.size(), 1);
    QCOMPARE(f.joined.first().first().toString(), QStringLiteral("lobby"));
    QVERIFY(f.client.joinedRooms()->index(0).data(JoinedRoomsModel::JoinedRole).toBool());
    QVERIFY(!eventsNamed(*f.server, QStringLiteral("join_room"))
                 .first()
                 .payload.contains(QLatin1String("since"))); // first join: the last 50, no since

    MessageListModel* model = f.client.messages(QStringLiteral("lobby"));
    QVERIFY(model);
    QAbstractItemModelTester modelTester(model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(f.client.sendMessage(QStringLiteral("lobby"), QStringLiteral("hello")));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
             Delivery::Pending);
    QTRY_COMPARE(model->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Delivered);
    QTRY_COMPARE(model->lastSeq(), 1);
    QTest::qWait(50); // both the ack and the broadcast arrive: still one row
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0).data(MessageListModel::TextRole).toString(), QStringLiteral("hello"));
    QVERIFY(model->index(0).data(MessageListModel::IsOwnRole).toBool());

    QVERIFY(!f.client.sendMessage(QStringLiteral("lobby"), QStringLiteral("   "))); // blank
    QVERIFY(!f.client.sendMessage(QStringLiteral("lobby"),
                                  QString(ChatText::MaxMessageCodePoints + 1, QLatin1Char('x'))));
    QCOMPARE(model->rowCount(), 1);
}

void TestChatClient::serverRefusalMarksMessageFailed()
{
    ClientFixture f;
    f.server->handler = [](const QString& name, const QJsonObject& p) -> std::optional<QJsonValue> {
        if (name == QLatin1String("send_message"))
            return QJsonObject{
                {QStringLiteral("ok"), false},
                {QStringLiteral("error"),
                 QJsonObject{{QStringLiteral("code"), QStringLiteral("message_too_long")},
                             {QStringLiteral("message"), QStringLiteral("too long")}}}};
        return QJsonObject{{QStringLiteral("ok"), true},
                           {QStringLiteral("room"), p.value(QLatin1String("room"))}};
    };
    QVERIFY(f.listen());
    QSignalSpy sendFailed(&f.client, &ChatClient::sendFailed);
    QVERIFY(f.connectAndJoin());
    f.client.sendMessage(QStringLiteral("lobby"), QStringLiteral("x"));
    QTRY_COMPARE(sendFailed.size(), 1);
    MessageListModel* model = f.client.messages(QStringLiteral("lobby"));
    QCOMPARE(model->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
             Delivery::Failed);
}

void TestChatClient::pendingMessagesAreResentAfterReconnect()
{
    ClientFixture f;
    QVERIFY(f.listen());
    f.connection.setBackoff(ReconnectBackoff(100, 400, 0.0));
    QVERIFY(f.connectAndJoin());

    f.chat.dropSends = true; // the server "crashes" before acknowledging
    f.client.sendMessage(QStringLiteral("lobby"), QStringLiteral("one"));
    QTRY_COMPARE(eventsNamed(*f.server, QStringLiteral("send_message")).size(), 1);
    const QString clientId = eventsNamed(*f.server, QStringLiteral("send_message"))
                                 .first()
                                 .payload.value(QLatin1String("client_id"))
                                 .toString();
    QVERIFY(!clientId.isEmpty());
    f.server.reset();
    QTRY_COMPARE(f.connection.state(), SocketIoClient::State::Reconnecting);
    // Typed while offline: pending too, sent after the rejoin.
    f.client.sendMessage(QStringLiteral("lobby"), QStringLiteral("two"));
    MessageListModel* model = f.client.messages(QStringLiteral("lobby"));
    QCOMPARE(model->rowCount(), 2);

    f.chat.dropSends = false;
    QVERIFY(f.restart());
    QTRY_COMPARE_WITH_TIMEOUT(f.joined.size(), 2, 15000);
    // The identity is resumed with the token from the first session.
    QCOMPARE(f.server->connects.first().value(QLatin1String("token")).toString(),
             QStringLiteral("tok-Amber Otter"));
    QTRY_COMPARE(model->lastSeq(), 2);
    const auto sends = eventsNamed(*f.server, QStringLiteral("send_message"));
    QCOMPARE(sends.size(), 2);
    QCOMPARE(sends.at(0).payload.value(QLatin1String("client_id")).toString(), clientId);
    QCOMPARE(sends.at(0).payload.value(QLatin1String("text")).toString(), QStringLiteral("one"));
    QCOMPARE(sends.at(1).payload.value(QLatin1String("text")).toString(), QStringLiteral("two"));
    QCOMPARE(model->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
        QCOMPARE(model->index(row).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Delivered);
    QCOMPARE(f.chat.rooms.value(QStringLiteral("lobby")).size(), 2); // stored once each
}

void TestChatClient::rejoinWithSinceFillsTheGap()
{
    ClientFixture f;
    QVERIFY(f.listen());
    f.connection.setBackoff(ReconnectBackoff(100, 400, 0.0));
    QVERIFY(f.connectAndJoin());
    MessageListModel* model = f.client.messages(QStringLiteral("lobby"));
    for (int i = 1; i <= 3; ++i) {
        f.server->emitToAll(QStringLiteral("message"),
                            f.chat.store(QStringLiteral("lobby"), QStringLiteral("u_other"),
                                         QStringLiteral("Blue Heron"), QString::number(i), {}));
    }
    QTRY_COMPARE(model->lastSeq(), 3);
    QCOMPARE(f.client.joinedRooms()->unreadCount(QStringLiteral("lobby")), 3);

    f.server.reset();
    QTRY_COMPARE(f.connection.state(), SocketIoClient::State::Reconnecting);
    for (int i = 4; i <= 5; ++i) // sent while this client was away
        f.chat.store(QStringLiteral("lobby"), QStringLiteral("u_other"),
                     QStringLiteral("Blue Heron"), QString::number(i), {});
    QVERIFY(f.restart());
    QTRY_COMPARE_WITH_TIMEOUT(f.joined.size(), 2, 15000);
    const auto joins = eventsNamed(*f.server, QStringLiteral("join_room"));
    QCOMPARE(joins.size(), 1);
    QCOMPARE(joins.first().payload.value(QLatin1String("since")).toInteger(), 3);
    QCOMPARE(model->rowCount(), 5);
    for (int row = 0; row < 5; ++row)
        QCOMPARE(model->index(row).data(MessageListModel::SeqRole).toLongLong(), row + 1);
}

void TestChatClient::historyResetOnTheServerIsResynced()
{
    // A server restarted with memory storage starts every room at seq 1 again.
    ClientFixture f;
    QVERIFY(f.listen());
    f.connection.setBackoff(ReconnectBackoff(100, 400, 0.0));
    QVERIFY(f.connectAndJoin());
    for (int i = 1; i <= 3; ++i) {
        f.server->emitToAll(QStringLiteral("message"),
                            f.chat.store(QStringLiteral("lobby"), QStringLiteral("u_other"),
                                         QStringLiteral("Blue Heron"), QString::number(i), {}));
    }
    MessageListModel* model = f.client.messages(QStringLiteral("lobby"));
    QTRY_COMPARE(model->lastSeq(), 3);
    f.server.reset();
    QTRY_COMPARE(f.connection.state(), SocketIoClient::State::Reconnecting);
    f.client.sendMessage(QStringLiteral("lobby"), QStringLiteral("still pending"));

    MiniChat fresh; // the new server's history: one message, seq 1
    fresh.store(QStringLiteral("lobby"), QStringLiteral("u_other"), QStringLiteral("Blue Heron"),
                QStringLiteral("after restart"), {});
    QVERIFY(f.restart(&fresh));
    QTRY_COMPARE_WITH_TIMEOUT(f.joined.size(), 2, 15000);
    const auto joins = eventsNamed(*f.server, QStringLiteral("join_room"));
    QCOMPARE(joins.size(), 2); // with since=3, then afresh without since
    QCOMPARE(joins.at(0).payload.value(QLatin1String("since")).toInteger(), 3);
    QVERIFY(!joins.at(1).payload.contains(QLatin1String("since")));
    QTRY_COMPARE(model->lastSeq(), 2); // the outbox message was stored as seq 2
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0).data(MessageListModel::TextRole).toString(),
             QStringLiteral("after restart"));
    QCOMPARE(model->index(1).data(MessageListModel::TextRole).toString(),
             QStringLiteral("still pending"));
}

void TestChatClient::refreshRoomsFillsTheModel()
{
    ClientFixture f;
    f.chat.store(QStringLiteral("qt"), QStringLiteral("u_x"), QStringLiteral("X"),
                 QStringLiteral("a"), {});
    f.chat.store(QStringLiteral("lobby"), QStringLiteral("u_x"), QStringLiteral("X"),
                 QStringLiteral("a"), {});
    QVERIFY(f.listen());
    QVERIFY(f.connectAndJoin({})); // a session, no rooms
    f.client.refreshRooms();
    QTRY_COMPARE(f.client.serverRooms()->rowCount(), 2);
    QCOMPARE(f.client.serverRooms()->index(0).data(RoomListModel::NameRole).toString(),
             QStringLiteral("lobby"));
    QCOMPARE(f.client.serverRooms()->index(1).data(RoomListModel::MemberCountRole).toInt(), 1);
}

void TestChatClient::presenceUpdatesTimelineAndMembers()
{
    ClientFixture f;
    QVERIFY(f.listen());
    QVERIFY(f.connectAndJoin());
    QCOMPARE(f.client.members(QStringLiteral("lobby")).size(), 1);
    const QJsonObject heron{
        {QStringLiteral("room"), QStringLiteral("lobby")},
        {QStringLiteral("user_id"), QStringLiteral("u_heron")},
        {QStringLiteral("handle"), QStringLiteral("Blue Heron")},
        {QStringLiteral("ts"), Timestamp::format(QDateTime::currentDateTimeUtc())}};
    f.server->emitToAll(QStringLiteral("user_joined"), heron);
    QTRY_COMPARE(f.client.members(QStringLiteral("lobby")).size(), 2);
    QCOMPARE(f.client.joinedRooms()->index(0).data(JoinedRoomsModel::MemberCountRole).toInt(), 2);
    QJsonObject left = heron;
    left.insert(QStringLiteral("reason"), QStringLiteral("left"));
    f.server->emitToAll(QStringLiteral("user_left"), left);
    QTRY_COMPARE(f.client.members(QStringLiteral("lobby")).size(), 1);
    MessageListModel* model = f.client.messages(QStringLiteral("lobby"));
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0).data(MessageListModel::KindRole).value<MessageListModel::Kind>(),
             MessageListModel::Kind::Joined);
    QCOMPARE(model->index(1).data(MessageListModel::KindRole).value<MessageListModel::Kind>(),
             MessageListModel::Kind::Left);
}

void TestChatClient::shutdownNoticeDefersReconnect()
{
    ClientFixture f;
    QVERIFY(f.listen());
    f.connection.setBackoff(ReconnectBackoff(100, 400, 0.0));
    QSignalSpy notices(&f.client, &ChatClient::noticeReceived);
    QVERIFY(f.connectAndJoin({})); // a session, no rooms
    f.server->emitToAll(QStringLiteral("notice"),
                        QJsonObject{{QStringLiteral("code"), QStringLiteral("shutting_down")},
                                    {QStringLiteral("message"), QStringLiteral("bye")},
                                    {QStringLiteral("retry_after_ms"), 3000}});
    QTRY_COMPARE(notices.size(), 1);
    f.server->stop();
    QTRY_COMPARE(f.connection.state(), SocketIoClient::State::Reconnecting);
    QVERIFY(f.connection.msUntilReconnect() > 2000);
}

void TestChatClient::leaveRoomTellsTheServer()
{
    ClientFixture f;
    QVERIFY(f.listen());
    QSignalSpy left(&f.client, &ChatClient::roomLeft);
    QVERIFY(f.connectAndJoin({QStringLiteral("lobby"), QStringLiteral("qt")}));
    f.client.leaveRoom(QStringLiteral("lobby"));
    QCOMPARE(left.size(), 1);
    QCOMPARE(f.client.joinedRoomNames(), QStringList{QStringLiteral("qt")});
    QVERIFY(!f.client.messages(QStringLiteral("lobby")));
    QTRY_COMPARE(eventsNamed(*f.server, QStringLiteral("leave_room")).size(), 1);
}

void TestChatClient::typingGoesBothWays()
{
    ClientFixture f;
    QVERIFY(f.listen());
    f.client.setTyping(QStringLiteral("lobby"), true); // not joined: nothing
    QVERIFY(f.connectAndJoin());

    // Ours: true at the first edit, once; false when stopped.
    f.client.setTyping(QStringLiteral("lobby"), true);
    f.client.setTyping(QStringLiteral("lobby"), true);
    f.client.setTyping(QStringLiteral("lobby"), false);
    QTRY_COMPARE(eventsNamed(*f.server, QStringLiteral("typing")).size(), 2);
    const auto sent = eventsNamed(*f.server, QStringLiteral("typing"));
    QCOMPARE(sent.at(0).payload.value(QLatin1String("room")).toString(), QStringLiteral("lobby"));
    QCOMPARE(sent.at(0).payload.value(QLatin1String("typing")).toBool(), true);
    QCOMPARE(sent.at(1).payload.value(QLatin1String("typing")).toBool(), false);

    // Theirs: shown until false; our own (another connection) and malformed ones ignored.
    QSignalSpy changed(&f.client, &ChatClient::typingChanged);
    auto typing = [](const QString& userId, const QJsonValue& value) {
        return QJsonObject{{QStringLiteral("room"), QStringLiteral("lobby")},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("handle"), QStringLiteral("Blue Heron")},
                           {QStringLiteral("typing"), value}};
    };
    f.server->emitToAll(QStringLiteral("typing"), typing(f.client.session().userId, true));
    f.server->emitToAll(QStringLiteral("typing"),
                        typing(QStringLiteral("u_heron"), QStringLiteral("yes")));
    f.server->emitToAll(QStringLiteral("typing"), typing(QStringLiteral("u_heron"), true));
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(f.client.typingMembers(QStringLiteral("lobby")).size(), 1);
    QCOMPARE(f.client.typingMembers(QStringLiteral("lobby")).first().handle,
             QStringLiteral("Blue Heron"));
    f.server->emitToAll(QStringLiteral("typing"), typing(QStringLiteral("u_heron"), false));
    QTRY_COMPARE(changed.size(), 2);
    QVERIFY(f.client.typingMembers(QStringLiteral("lobby")).isEmpty());
}

void TestChatClient::olderHistoryIsPagedIn()
{
    ClientFixture f;
    for (int i = 1; i <= 70; ++i)
        f.chat.store(QStringLiteral("lobby"), QStringLiteral("u_other"),
                     QStringLiteral("Blue Heron"), QString::number(i), {});
    // The fake answers a join with everything: keep only the newest 20 of it.
    const auto handler = f.server->handler;
    f.server->handler = [handler](const QString& name,
                                  const QJsonObject& p) -> std::optional<QJsonValue> {
        auto reply = handler(name, p);
        if (name == QLatin1String("join_room") && reply) {
            QJsonObject object = reply->toObject();
            QJsonArray history = object.value(QLatin1String("history")).toArray();
            while (history.size() > 20)
                history.removeFirst();
            object.insert(QStringLiteral("history"), history);
            return object;
        }
        return reply;
    };
    QVERIFY(f.listen());
    QSignalSpy fetched(&f.client, &ChatClient::historyFetched);
    QVERIFY(!f.client.fetchOlderMessages(QStringLiteral("lobby"))); // not joined
    QVERIFY(f.connectAndJoin());
    MessageListModel* model = f.client.messages(QStringLiteral("lobby"));
    QCOMPARE(model->firstSeq(), 51);

    QVERIFY(f.client.fetchOlderMessages(QStringLiteral("lobby")));
    QVERIFY(f.client.isFetchingHistory(QStringLiteral("lobby")));
    QVERIFY(!f.client.fetchOlderMessages(QStringLiteral("lobby"))); // one at a time
    QTRY_COMPARE(fetched.size(), 1);
    QCOMPARE(fetched.at(0).at(1).toInt(), 50);
    QCOMPARE(fetched.at(0).at(2).toBool(), true);
    QCOMPARE(model->firstSeq(), 1);
    QCOMPARE(model->rowCount(), 70);
    QVERIFY(!model->canFetchOlder());
    QVERIFY(!f.client.fetchOlderMessages(QStringLiteral("lobby")));
    const auto requests = eventsNamed(*f.server, QStringLiteral("history"));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).payload.value(QLatin1String("before")).toInteger(), 51);
    QCOMPARE(requests.at(0).payload.value(QLatin1String("limit")).toInteger(), 50);
    // Paged-in history is old news: no unread count from it.
    QCOMPARE(f.client.joinedRooms()->unreadCount(QStringLiteral("lobby")), 0);
}

void TestChatClient::roundTripIsMeasured()
{
    ClientFixture f;
    QVERIFY(f.listen());
    QCOMPARE(f.connection.roundTripMs(), -1);
    QSignalSpy measured(&f.connection, &SocketIoClient::roundTripMeasured);
    f.client.joinRoom(QStringLiteral("lobby"));
    f.connection.open();
    QTRY_VERIFY(measured.size() >= 1); // the join's ack
    QVERIFY(measured.at(0).at(0).toInt() >= 0);
    QCOMPARE(f.connection.roundTripMs(), measured.last().at(0).toInt());
}

QTEST_GUILESS_MAIN(TestChatClient)
#include "tst_chatclient.moc"
