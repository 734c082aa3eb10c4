// Recovery through the UI against an in-process ChatServer (offscreen): the outbox across
// a server restart, the "messages not available" marker, history paging when scrolling to
// the top, and the rate-limit countdown.
#include "chatclient.h"
#include "chatserver.h"
#include "connectivitymonitor.h"
#include "joinedroomsmodel.h"
#include "messageinput.h"
#include "messagelistmodel.h"
#include "messageview.h"
#include "outbox.h"
#include "reconnectbackoff.h"
#include "roomview.h"
#include "uiharness.h"

#include <QLabel>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Delivery = MessageListModel::Delivery;

int rowsWithText(const QAbstractItemModel* model, const QString& text)
{
    int found = 0;
    for (int row = 0; model && row < model->rowCount(); ++row)
        found += model->index(row, 0).data(MessageListModel::TextRole).toString() == text;
    return found;
}

QList<qint64> seqs(const QAbstractItemModel* model)
{
    QList<qint64> result;
    for (int row = 0; row < model->rowCount(); ++row) {
        const qint64 seq = model->index(row, 0).data(MessageListModel::SeqRole).toLongLong();
        if (seq > 0)
            result.append(seq);
    }
    return result;
}

} // namespace

class TestClientRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void outboxIsDeliveredOnceAfterTheServerReturns();
    void outboxIsDeliveredOnceAfterAnAppRestart();
    void truncatedHistoryShowsAMarker();
    void scrollingToTheTopLoadsOlderHistory();
    void rateLimitedSendCountsDownAndGoesOut();
    void networkBackReconnectsWithoutWaiting();

private:
    void start(const std::function<void(ServerConfig&)>& tweak = {});
    bool sendThroughInput(const QString& text);

    QTemporaryDir m_dir;
    std::unique_ptr<ChatServer> m_server;
    std::unique_ptr<WindowUnderTest> m_ui;
};

void TestClientRecovery::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the outbox file goes under ~/.qttest
}

void TestClientRecovery::init()
{
    QFile::remove(Outbox::defaultStorageFile());
    QVERIFY(m_dir.isValid());
    QFile::remove(m_dir.filePath(QStringLiteral("client.ini")));
}

void TestClientRecovery::cleanup()
{
    m_ui.reset();
    m_server.reset();
}

void TestClientRecovery::start(const std::function<void(ServerConfig&)>& tweak)
{
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), 0, tweak);
    QVERIFY(m_server);
    m_ui = std::make_unique<WindowUnderTest>(m_dir.filePath(QStringLiteral("client.ini")),
                                             m_server->port());
    QVERIFY(m_ui->start());
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
}

bool TestClientRecovery::sendThroughInput(const QString& text)
{
    auto* input = m_ui->widget<MessageInput>("messageInput");
    if (!input)
        return false;
    QTest::keyClicks(input, text);
    QTest::keyClick(input, Qt::Key_Return);
    return input->text().isEmpty();
}

void TestClientRecovery::outboxIsDeliveredOnceAfterTheServerReturns()
{
    start();
    const QString userId = m_ui->client->session().userId;
    QVERIFY(sendThroughInput(QStringLiteral("before")));
    const QAbstractItemModel* model = m_ui->window->roomView()->messageView()->model();
    QTRY_COMPARE(model->index(0, 0).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Delivered);

    // The server goes away; what we type now waits in the outbox, shown as pending.
    const quint16 port = m_server->port();
    m_server.reset();
    QTRY_COMPARE(m_ui->connection->state(), SocketIoClient::State::Reconnecting);
    QVERIFY(sendThroughInput(QStringLiteral("typed while offline")));
    QCOMPARE(rowsWithText(model, QStringLiteral("typed while offline")), 1);
    const QModelIndex pending = model->index(model->rowCount() - 1, 0);
    QCOMPARE(pending.data(MessageListModel::DeliveryRole).value<Delivery>(), Delivery::Pending);

    // Back on the same port (and secret): same identity, room rejoined, outbox delivered.
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), port);
    QVERIFY(m_server);
    QTRY_VERIFY_WITH_TIMEOUT(m_ui->isJoined(QStringLiteral("lobby")), 10000);
    QCOMPARE(m_ui->client->session().userId, userId);
    QTRY_VERIFY(m_ui->client->messages(QStringLiteral("lobby"))->pendingMessages().isEmpty());
    model = m_ui->window->roomView()->messageView()->model();
    QCOMPARE(rowsWithText(model, QStringLiteral("typed while offline")), 1);

    // Exactly once on the server too: a newcomer's history has it once.
    TestPeer other(port);
    QVERIFY(other.join(QStringLiteral("lobby")));
    QCOMPARE(rowsWithText(other.client.messages(QStringLiteral("lobby")),
                          QStringLiteral("typed while offline")),
             1);
}

void TestClientRecovery::outboxIsDeliveredOnceAfterAnAppRestart()
{
    const QString ini = m_dir.filePath(QStringLiteral("client.ini"));
    const QString outboxFile = Outbox::defaultStorageFile();
    QVERIFY(outboxFile.contains(QLatin1String(".qttest")));
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), 0);
    QVERIFY(m_server);
    const quint16 port = m_server->port();
    m_ui = std::make_unique<WindowUnderTest>(ini, port, outboxFile);
    QVERIFY(m_ui->start());
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    QTRY_VERIFY(m_ui->isJoined(QStringLiteral("lobby")));
    const QString userId = m_ui->client->session().userId;
    m_ui->settings->setIdentityToken(m_ui->client->session().token);

    // Offline, the user types a message and quits before it could go out.
    m_server.reset();
    QTRY_COMPARE(m_ui->connection->state(), SocketIoClient::State::Reconnecting);
    const QString text = QStringLiteral("typed, then the app quit");
    QVERIFY(sendThroughInput(text));
    const auto pending = m_ui->client->messages(QStringLiteral("lobby"))->pendingMessages();
    QCOMPARE(pending.size(), 1);
    const QString clientId = pending.first().first;
    m_ui.reset();
    QFile saved(outboxFile);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains(clientId.toUtf8()));
    saved.close();

    // Restarted, still offline: the room is back with the message pending.
    m_ui = std::make_unique<WindowUnderTest>(ini, port, outboxFile);
    QVERIFY(m_ui->start());
    QCOMPARE(m_ui->window->currentRoom(), QStringLiteral("lobby"));
    const QAbstractItemModel* model = m_ui->window->roomView()->messageView()->model();
    QCOMPARE(rowsWithText(model, text), 1);
    const QModelIndex row = model->index(model->rowCount() - 1, 0);
    QCOMPARE(row.data(MessageListModel::DeliveryRole).value<Delivery>(), Delivery::Pending);
    QCOMPARE(row.data(MessageListModel::ClientIdRole).toString(), clientId);

    // The server is back: the message goes out once, with its client_id, as the same user.
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), port);
    QVERIFY(m_server);
    QTRY_VERIFY_WITH_TIMEOUT(m_ui->isJoined(QStringLiteral("lobby")), 10000);
    QCOMPARE(m_ui->client->session().userId, userId);
    QTRY_VERIFY(m_ui->client->outbox()->allEntries().isEmpty());
    QTRY_COMPARE(rowsWithText(model, text), 1);
    QCOMPARE(model->index(model->rowCount() - 1, 0)
                 .data(MessageListModel::DeliveryRole)
                 .value<Delivery>(),
             Delivery::Delivered);
    TestPeer other(port);
    QVERIFY(other.join(QStringLiteral("lobby")));
    const MessageListModel* seen = other.client.messages(QStringLiteral("lobby"));
    QCOMPARE(rowsWithText(seen, text), 1);
    QStringList storedIds;
    for (int i = 0; i < seen->rowCount(); ++i) {
        if (seen->index(i).data(MessageListModel::TextRole).toString() == text)
            storedIds.append(seen->index(i).data(MessageListModel::ClientIdRole).toString());
    }
    QCOMPARE(storedIds, QStringList{clientId});
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(!saved.readAll().contains(clientId.toUtf8())); // acknowledged: gone from disk
}

void TestClientRecovery::truncatedHistoryShowsAMarker()
{
    start([](ServerConfig& config) { config.historyLimit = 5; });
    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("lobby")));
    QVERIFY(other.say(QStringLiteral("lobby"), QStringLiteral("seen")));
    MessageListModel* model = m_ui->client->messages(QStringLiteral("lobby"));
    QTRY_COMPARE(model->lastSeq(), 1);

    // We are away while 12 messages go by; the server keeps only the last 5.
    m_ui->connection->close();
    for (int i = 1; i <= 12; ++i)
        QVERIFY(other.say(QStringLiteral("lobby"), QStringLiteral("missed %1").arg(i)));
    m_ui->connection->open();
    QTRY_COMPARE(model->lastSeq(), 13);
    QCOMPARE(seqs(model), (QList<qint64>{1, 9, 10, 11, 12, 13}));
    int markerRow = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(MessageListModel::KindRole).value<MessageListModel::Kind>() ==
            MessageListModel::Kind::Gap)
            markerRow = row;
    }
    QVERIFY(markerRow > 0);
    const QModelIndex marker = model->index(markerRow);
    QCOMPARE(marker.data(MessageListModel::GapCountRole).toInt(), 7);
    QCOMPARE(marker.data(Qt::DisplayRole).toString(), QStringLiteral("7 message(s) not available"));
    // Right where the messages went missing: after seq 1, before seq 9.
    QCOMPARE(model->index(markerRow + 1).data(MessageListModel::SeqRole).toLongLong(), 9);
    // Missed messages count as unread in rooms not shown.
}

void TestClientRecovery::scrollingToTheTopLoadsOlderHistory()
{
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), 0);
    QVERIFY(m_server);
    TestPeer other(m_server->port());
    QVERIFY(other.join(QStringLiteral("lobby")));
    for (int i = 1; i <= 130; ++i)
        QVERIFY(other.say(QStringLiteral("lobby"), QStringLiteral("message %1").arg(i)));

    m_ui = std::make_unique<WindowUnderTest>(m_dir.filePath(QStringLiteral("client.ini")),
                                             m_server->port());
    QVERIFY(m_ui->start());
    m_ui->window->joinAndShowRoom(QStringLiteral("lobby"));
    MessageListModel* model = m_ui->client->messages(QStringLiteral("lobby"));
    QTRY_COMPARE(model->rowCount(), 50); // a join answers the last 50
    QCOMPARE(model->firstSeq(), 81);
    MessageView* view = m_ui->window->roomView()->messageView();
    QTRY_VERIFY(view->isAtBottom() && view->verticalScrollBar()->maximum() > 0);

    // Scroll to the top: the previous page arrives above, and what was on screen stays.
    const QModelIndex firstShown = model->index(0);
    view->verticalScrollBar()->setValue(0);
    QTRY_COMPARE(model->firstSeq(), 31);
    QCOMPARE(model->rowCount(), 100);
    QTRY_VERIFY(view->verticalScrollBar()->value() > 0);
    Q_UNUSED(firstShown)
    const QRect previousTop = view->visualRect(model->index(50));
    QVERIFY(previousTop.top() >= 0 && previousTop.top() < view->viewport()->height());

    view->verticalScrollBar()->setValue(0);
    QTRY_COMPARE(model->firstSeq(), 1);
    QCOMPARE(model->rowCount(), 130);
    QVERIFY(!model->canFetchOlder());
    QList<qint64> expected;
    for (qint64 seq = 1; seq <= 130; ++seq)
        expected.append(seq);
    QCOMPARE(seqs(model), expected);
}

void TestClientRecovery::rateLimitedSendCountsDownAndGoesOut()
{
    start([](ServerConfig& config) {
        config.messageRate = 2;
        config.messageBurst = 1;
    });
    auto* status = m_ui->widget<QLabel>("sendStatusLabel");
    QVERIFY(status);
    QVERIFY(!status->isVisible());
    for (const char* text : {"one", "two", "three"})
        QVERIFY(sendThroughInput(QLatin1String(text)));
    QTRY_VERIFY(status->isVisible());
    QVERIFY2(status->text().startsWith(QStringLiteral("Sending too fast")),
             qPrintable(status->text()));
    // They go out by themselves, in order, and the countdown disappears.
    MessageListModel* model = m_ui->client->messages(QStringLiteral("lobby"));
    QTRY_VERIFY_WITH_TIMEOUT(model->pendingMessages().isEmpty(), 10000);
    QTRY_VERIFY(!status->isVisible());
    QCOMPARE(seqs(model), (QList<qint64>{1, 2, 3}));
    for (int row = 0; row < 3; ++row)
        QCOMPARE(model->index(row).data(MessageListModel::TextRole).toString(),
                 QString::fromLatin1(std::array{"one", "two", "three"}[size_t(row)]));
}

void TestClientRecovery::networkBackReconnectsWithoutWaiting()
{
    start();
    // A long backoff: without the monitor the next attempt would be a minute away.
    m_ui->connection->setBackoff(ReconnectBackoff(60000, 60000, 0.0));
    ConnectivityMonitor monitor(m_ui->connection.get());
    const quint16 port = m_server->port();
    m_server.reset();
    QTRY_COMPARE(m_ui->connection->state(), SocketIoClient::State::Reconnecting);
    QVERIFY(m_ui->connection->msUntilReconnect() > 30000);
    m_server = startTestServer(m_dir.filePath(QStringLiteral("server")), port);
    QVERIFY(m_server);
    monitor.onNetworkRestored();
    QTRY_VERIFY_WITH_TIMEOUT(m_ui->isJoined(QStringLiteral("lobby")), 5000);
    // Connected: network events do not disturb a working connection.
    monitor.onNetworkRestored();
    QCOMPARE(m_ui->connection->state(), SocketIoClient::State::Connected);
}

QTEST_MAIN(TestClientRecovery)
#include "tst_clientrecovery.moc"
