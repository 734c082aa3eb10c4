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
    FakeSocketIoServer server;
    MiniChat chat;
    chat.attach(&server);
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setServerUrl(server.url());
    ChatClient client(&connection);
    QAbstractItemModelTester joinedTester(client.joinedRooms(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy sessions(&client, &ChatClient::sessionStarted);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    QVERIFY(client.joinRoom(QStringLiteral("  Lobby ")));
    QCOMPARE(client.joinedRoomNames(), QStringList{QStringLiteral("lobby")});
    connection.open();
    QTRY_COMPARE(sessions.size(), 1);
    QCOMPARE(client.session().handle, QStringLiteral("Amber Otter"));
    QTRY_COMPARE(joined.size(), 1);
    QCOMPARE(joined.first().first().toString(), QStringLiteral("lobby"));
    QVERIFY(client.joinedRooms()->index(0).data(JoinedRoomsModel::JoinedRole).toBool());
    QVERIFY(!eventsNamed(server, QStringLiteral("join_room"))
                 .first()
                 .payload.contains(QLatin1String("since"))); // first join: the last 50, no since

    MessageListModel* model = client.messages(QStringLiteral("lobby"));
    QVERIFY(model);
    QAbstractItemModelTester modelTester(model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(client.sendMessage(QStringLiteral("lobby"), QStringLiteral("hello")));
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

    QVERIFY(!client.sendMessage(QStringLiteral("lobby"), QStringLiteral("   "))); // blank
    QVERIFY(!client.sendMessage(QStringLiteral("lobby"),
                                QString(ChatText::MaxMessageCodePoints + 1, QLatin1Char('x'))));
    QCOMPARE(model->rowCount(), 1);
}

void TestChatClient::serverRefusalMarksMessageFailed()
{
    FakeSocketIoServer server;
    server.handler = [](const QString& name, const QJsonObject& p) -> std::optional<QJsonValue> {
        if (name == QLatin1String("send_message"))
            return QJsonObject{
                {QStringLiteral("ok"), false},
                {QStringLiteral("error"),
                 QJsonObject{{QStringLiteral("code"), QStringLiteral("message_too_long")},
                             {QStringLiteral("message"), QStringLiteral("too long")}}}};
        return QJsonObject{{QStringLiteral("ok"), true},
                           {QStringLiteral("room"), p.value(QLatin1String("room"))}};
    };
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setServerUrl(server.url());
    ChatClient client(&connection);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    QSignalSpy sendFailed(&client, &ChatClient::sendFailed);
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_COMPARE(joined.size(), 1);
    client.sendMessage(QStringLiteral("lobby"), QStringLiteral("x"));
    QTRY_COMPARE(sendFailed.size(), 1);
    MessageListModel* model = client.messages(QStringLiteral("lobby"));
    QCOMPARE(model->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
             Delivery::Failed);
}

void TestChatClient::pendingMessagesAreResentAfterReconnect()
{
    auto server = std::make_unique<FakeSocketIoServer>();
    MiniChat chat;
    chat.attach(server.get());
    QVERIFY(server->listen());
    const quint16 port = server->port();
    SocketIoClient connection;
    connection.setBackoff(ReconnectBackoff(100, 400, 0.0));
    connection.setServerUrl(server->url());
    ChatClient client(&connection);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_COMPARE(joined.size(), 1);

    chat.dropSends = true; // the server "crashes" before acknowledging
    client.sendMessage(QStringLiteral("lobby"), QStringLiteral("one"));
    QTRY_COMPARE(eventsNamed(*server, QStringLiteral("send_message")).size(), 1);
    const QString clientId = eventsNamed(*server, QStringLiteral("send_message"))
                                 .first()
                                 .payload.value(QLatin1String("client_id"))
                                 .toString();
    QVERIFY(!clientId.isEmpty());
    server.reset();
    QTRY_COMPARE(connection.state(), SocketIoClient::State::Reconnecting);
    // Typed while offline: pending too, sent after the rejoin.
    client.sendMessage(QStringLiteral("lobby"), QStringLiteral("two"));
    MessageListModel* model = client.messages(QStringLiteral("lobby"));
    QCOMPARE(model->rowCount(), 2);

    chat.dropSends = false;
    server = std::make_unique<FakeSocketIoServer>();
    chat.attach(server.get());
    QVERIFY(server->listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 2, 15000);
    // The identity is resumed with the token from the first session.
    QCOMPARE(server->connects.first().value(QLatin1String("token")).toString(),
             QStringLiteral("tok-Amber Otter"));
    QTRY_COMPARE(model->lastSeq(), 2);
    const auto sends = eventsNamed(*server, QStringLiteral("send_message"));
    QCOMPARE(sends.size(), 2);
    QCOMPARE(sends.at(0).payload.value(QLatin1String("client_id")).toString(), clientId);
    QCOMPARE(sends.at(0).payload.value(QLatin1String("text")).toString(), QStringLiteral("one"));
    QCOMPARE(sends.at(1).payload.value(QLatin1String("text")).toString(), QStringLiteral("two"));
    QCOMPARE(model->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
        QCOMPARE(model->index(row).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Delivered);
    QCOMPARE(chat.rooms.value(QStringLiteral("lobby")).size(), 2); // stored once each
}

void TestChatClient::rejoinWithSinceFillsTheGap()
{
    auto server = std::make_unique<FakeSocketIoServer>();
    MiniChat chat;
    chat.attach(server.get());
    QVERIFY(server->listen());
    const quint16 port = server->port();
    SocketIoClient connection;
    connection.setBackoff(ReconnectBackoff(100, 400, 0.0));
    connection.setServerUrl(server->url());
    ChatClient client(&connection);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_COMPARE(joined.size(), 1);
    MessageListModel* model = client.messages(QStringLiteral("lobby"));
    for (int i = 1; i <= 3; ++i) {
        server->emitToAll(QStringLiteral("message"),
                          chat.store(QStringLiteral("lobby"), QStringLiteral("u_other"),
                                     QStringLiteral("Blue Heron"), QString::number(i), {}));
    }
    QTRY_COMPARE(model->lastSeq(), 3);
    QCOMPARE(client.joinedRooms()->unreadCount(QStringLiteral("lobby")), 3);

    server.reset();
    QTRY_COMPARE(connection.state(), SocketIoClient::State::Reconnecting);
    for (int i = 4; i <= 5; ++i) // sent while this client was away
        chat.store(QStringLiteral("lobby"), QStringLiteral("u_other"), QStringLiteral("Blue Heron"),
                   QString::number(i), {});
    server = std::make_unique<FakeSocketIoServer>();
    chat.attach(server.get());
    QVERIFY(server->listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 2, 15000);
    const auto joins = eventsNamed(*server, QStringLiteral("join_room"));
    QCOMPARE(joins.size(), 1);
    QCOMPARE(joins.first().payload.value(QLatin1String("since")).toInteger(), 3);
    QCOMPARE(model->rowCount(), 5);
    for (int row = 0; row < 5; ++row)
        QCOMPARE(model->index(row).data(MessageListModel::SeqRole).toLongLong(), row + 1);
}

void TestChatClient::historyResetOnTheServerIsResynced()
{
    // A server restarted with memory storage starts every room at seq 1 again.
    auto server = std::make_unique<FakeSocketIoServer>();
    MiniChat chat;
    chat.attach(server.get());
    QVERIFY(server->listen());
    const quint16 port = server->port();
    SocketIoClient connection;
    connection.setBackoff(ReconnectBackoff(100, 400, 0.0));
    connection.setServerUrl(server->url());
    ChatClient client(&connection);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_COMPARE(joined.size(), 1);
    for (int i = 1; i <= 3; ++i) {
        server->emitToAll(QStringLiteral("message"),
                          chat.store(QStringLiteral("lobby"), QStringLiteral("u_other"),
                                     QStringLiteral("Blue Heron"), QString::number(i), {}));
    }
    MessageListModel* model = client.messages(QStringLiteral("lobby"));
    QTRY_COMPARE(model->lastSeq(), 3);
    server.reset();
    QTRY_COMPARE(connection.state(), SocketIoClient::State::Reconnecting);
    client.sendMessage(QStringLiteral("lobby"), QStringLiteral("still pending"));

    MiniChat fresh; // the new server's history: one message, seq 1
    fresh.store(QStringLiteral("lobby"), QStringLiteral("u_other"), QStringLiteral("Blue Heron"),
                QStringLiteral("after restart"), {});
    server = std::make_unique<FakeSocketIoServer>();
    fresh.attach(server.get());
    QVERIFY(server->listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 2, 15000);
    const auto joins = eventsNamed(*server, QStringLiteral("join_room"));
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
    FakeSocketIoServer server;
    MiniChat chat;
    chat.store(QStringLiteral("qt"), QStringLiteral("u_x"), QStringLiteral("X"),
               QStringLiteral("a"), {});
    chat.store(QStringLiteral("lobby"), QStringLiteral("u_x"), QStringLiteral("X"),
               QStringLiteral("a"), {});
    chat.attach(&server);
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setServerUrl(server.url());
    ChatClient client(&connection);
    QSignalSpy sessions(&client, &ChatClient::sessionStarted);
    connection.open();
    QTRY_COMPARE(sessions.size(), 1);
    client.refreshRooms();
    QTRY_COMPARE(client.serverRooms()->rowCount(), 2);
    QCOMPARE(client.serverRooms()->index(0).data(RoomListModel::NameRole).toString(),
             QStringLiteral("lobby"));
    QCOMPARE(client.serverRooms()->index(1).data(RoomListModel::MemberCountRole).toInt(), 1);
}

void TestChatClient::presenceUpdatesTimelineAndMembers()
{
    FakeSocketIoServer server;
    MiniChat chat;
    chat.attach(&server);
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setServerUrl(server.url());
    ChatClient client(&connection);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_COMPARE(joined.size(), 1);
    QCOMPARE(client.members(QStringLiteral("lobby")).size(), 1);
    const QJsonObject heron{
        {QStringLiteral("room"), QStringLiteral("lobby")},
        {QStringLiteral("user_id"), QStringLiteral("u_heron")},
        {QStringLiteral("handle"), QStringLiteral("Blue Heron")},
        {QStringLiteral("ts"), Timestamp::format(QDateTime::currentDateTimeUtc())}};
    server.emitToAll(QStringLiteral("user_joined"), heron);
    QTRY_COMPARE(client.members(QStringLiteral("lobby")).size(), 2);
    QCOMPARE(client.joinedRooms()->index(0).data(JoinedRoomsModel::MemberCountRole).toInt(), 2);
    QJsonObject left = heron;
    left.insert(QStringLiteral("reason"), QStringLiteral("left"));
    server.emitToAll(QStringLiteral("user_left"), left);
    QTRY_COMPARE(client.members(QStringLiteral("lobby")).size(), 1);
    MessageListModel* model = client.messages(QStringLiteral("lobby"));
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0).data(MessageListModel::KindRole).value<MessageListModel::Kind>(),
             MessageListModel::Kind::Joined);
    QCOMPARE(model->index(1).data(MessageListModel::KindRole).value<MessageListModel::Kind>(),
             MessageListModel::Kind::Left);
}

void TestChatClient::shutdownNoticeDefersReconnect()
{
    FakeSocketIoServer server;
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setBackoff(ReconnectBackoff(100, 400, 0.0));
    connection.setServerUrl(server.url());
    ChatClient client(&connection);
    QSignalSpy sessions(&client, &ChatClient::sessionStarted);
    QSignalSpy notices(&client, &ChatClient::noticeReceived);
    connection.open();
    QTRY_COMPARE(sessions.size(), 1);
    server.emitToAll(QStringLiteral("notice"),
                     QJsonObject{{QStringLiteral("code"), QStringLiteral("shutting_down")},
                                 {QStringLiteral("message"), QStringLiteral("bye")},
                                 {QStringLiteral("retry_after_ms"), 3000}});
    QTRY_COMPARE(notices.size(), 1);
    server.stop();
    QTRY_COMPARE(connection.state(), SocketIoClient::State::Reconnecting);
    QVERIFY(connection.msUntilReconnect() > 2000);
}

void TestChatClient::leaveRoomTellsTheServer()
{
    FakeSocketIoServer server;
    MiniChat chat;
    chat.attach(&server);
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setServerUrl(server.url());
    ChatClient client(&connection);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    QSignalSpy left(&client, &ChatClient::roomLeft);
    client.joinRoom(QStringLiteral("lobby"));
    client.joinRoom(QStringLiteral("qt"));
    connection.open();
    QTRY_COMPARE(joined.size(), 2);
    client.leaveRoom(QStringLiteral("lobby"));
    QCOMPARE(left.size(), 1);
    QCOMPARE(client.joinedRoomNames(), QStringList{QStringLiteral("qt")});
    QVERIFY(!client.messages(QStringLiteral("lobby")));
    QTRY_COMPARE(eventsNamed(server, QStringLiteral("leave_room")).size(), 1);
}

void TestChatClient::typingGoesBothWays()
{
    FakeSocketIoServer server;
    MiniChat chat;
    chat.attach(&server);
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setServerUrl(server.url());
    ChatClient client(&connection);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    client.setTyping(QStringLiteral("lobby"), true); // not joined: nothing
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_COMPARE(joined.size(), 1);

    // Ours: true at the first edit, once; false when stopped.
    client.setTyping(QStringLiteral("lobby"), true);
    client.setTyping(QStringLiteral("lobby"), true);
    client.setTyping(QStringLiteral("lobby"), false);
    QTRY_COMPARE(eventsNamed(server, QStringLiteral("typing")).size(), 2);
    const auto sent = eventsNamed(server, QStringLiteral("typing"));
    QCOMPARE(sent.at(0).payload.value(QLatin1String("room")).toString(), QStringLiteral("lobby"));
    QCOMPARE(sent.at(0).payload.value(QLatin1String("typing")).toBool(), true);
    QCOMPARE(sent.at(1).payload.value(QLatin1String("typing")).toBool(), false);

    // Theirs: shown until false; our own (another connection) and malformed ones ignored.
    QSignalSpy changed(&client, &ChatClient::typingChanged);
    auto typing = [](const QString& userId, const QJsonValue& value) {
        return QJsonObject{{QStringLiteral("room"), QStringLiteral("lobby")},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("handle"), QStringLiteral("Blue Heron")},
                           {QStringLiteral("typing"), value}};
    };
    server.emitToAll(QStringLiteral("typing"), typing(client.session().userId, true));
    server.emitToAll(QStringLiteral("typing"),
                     typing(QStringLiteral("u_heron"), QStringLiteral("yes")));
    server.emitToAll(QStringLiteral("typing"), typing(QStringLiteral("u_heron"), true));
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(client.typingMembers(QStringLiteral("lobby")).size(), 1);
    QCOMPARE(client.typingMembers(QStringLiteral("lobby")).first().handle,
             QStringLiteral("Blue Heron"));
    server.emitToAll(QStringLiteral("typing"), typing(QStringLiteral("u_heron"), false));
    QTRY_COMPARE(changed.size(), 2);
    QVERIFY(client.typingMembers(QStringLiteral("lobby")).isEmpty());
}

void TestChatClient::olderHistoryIsPagedIn()
{
    FakeSocketIoServer server;
    MiniChat chat;
    chat.attach(&server);
    for (int i = 1; i <= 70; ++i)
        chat.store(QStringLiteral("lobby"), QStringLiteral("u_other"), QStringLiteral("Blue Heron"),
                   QString::number(i), {});
    // The fake answers a join with everything: keep only the newest 20 of it.
    const auto handler = server.handler;
    server.handler = [handler](const QString& name,
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
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setServerUrl(server.url());
    ChatClient client(&connection);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    QSignalSpy fetched(&client, &ChatClient::historyFetched);
    QVERIFY(!client.fetchOlderMessages(QStringLiteral("lobby"))); // not joined
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_COMPARE(joined.size(), 1);
    MessageListModel* model = client.messages(QStringLiteral("lobby"));
    QCOMPARE(model->firstSeq(), 51);

    QVERIFY(client.fetchOlderMessages(QStringLiteral("lobby")));
    QVERIFY(client.isFetchingHistory(QStringLiteral("lobby")));
    QVERIFY(!client.fetchOlderMessages(QStringLiteral("lobby"))); // one at a time
    QTRY_COMPARE(fetched.size(), 1);
    QCOMPARE(fetched.at(0).at(1).toInt(), 50);
    QCOMPARE(fetched.at(0).at(2).toBool(), true);
    QCOMPARE(model->firstSeq(), 1);
    QCOMPARE(model->rowCount(), 70);
    QVERIFY(!model->canFetchOlder());
    QVERIFY(!client.fetchOlderMessages(QStringLiteral("lobby")));
    const auto requests = eventsNamed(server, QStringLiteral("history"));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).payload.value(QLatin1String("before")).toInteger(), 51);
    QCOMPARE(requests.at(0).payload.value(QLatin1String("limit")).toInteger(), 50);
    // Paged-in history is old news: no unread count from it.
    QCOMPARE(client.joinedRooms()->unreadCount(QStringLiteral("lobby")), 0);
}

void TestChatClient::roundTripIsMeasured()
{
    FakeSocketIoServer server;
    MiniChat chat;
    chat.attach(&server);
    QVERIFY(server.listen());
    SocketIoClient connection;
    connection.setServerUrl(server.url());
    QCOMPARE(connection.roundTripMs(), -1);
    QSignalSpy measured(&connection, &SocketIoClient::roundTripMeasured);
    ChatClient client(&connection);
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_VERIFY(measured.size() >= 1); // the join's ack
    QVERIFY(measured.at(0).at(0).toInt() >= 0);
    QCOMPARE(connection.roundTripMs(), measured.last().at(0).toInt());
}

QTEST_GUILESS_MAIN(TestChatClient)
#include "tst_chatclient.moc"
