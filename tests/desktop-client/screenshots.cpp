// chat-screenshots: renders the desktop client's main window, room picker and settings
// dialog with a scripted conversation against an in-process server, into PNG files.
// `make screenshots` runs it under Xvfb for docs/screenshots/ and docs/screenshot.png;
// CTest runs it offscreen into a temporary directory so that it keeps working.
//
//   chat-screenshots --out DIR [--composite FILE]
#include "appearance.h"
#include "chatclient.h"
#include "chatserver.h"
#include "clientsettings.h"
#include "joinedroomsmodel.h"
#include "mainwindow.h"
#include "messagelistmodel.h"
#include "roomlistmodel.h"
#include "roompickerdialog.h"
#include "roomview.h"
#include "serverconfig.h"
#include "settingsdialog.h"
#include "socketioclient.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPainter>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <functional>
#include <memory>

namespace {

bool waitFor(const std::function<bool()>& condition, int timeoutMs = 10000)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

void settle(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

// One participant: settings in its own INI file, a connection, a session, maybe a window.
struct Participant
{
    std::unique_ptr<QSettings> store;
    std::unique_ptr<ClientSettings> settings;
    std::unique_ptr<SocketIoClient> connection;
    std::unique_ptr<ChatClient> client;
    std::unique_ptr<MainWindow> window;

    Participant(const QString& iniPath, quint16 port)
        : store(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
        , settings(std::make_unique<ClientSettings>(store.get()))
        , connection(std::make_unique<SocketIoClient>())
        , client(std::make_unique<ChatClient>(connection.get()))
    {
        connection->setServerUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port));
    }

    bool joinAll(const QStringList& rooms)
    {
        for (const QString& room : rooms)
            client->joinRoom(room);
        return waitFor([&] {
            for (const QString& room : rooms) {
                const int row = client->joinedRooms()->rowOf(room);
                if (!client->joinedRooms()->index(row).data(JoinedRoomsModel::JoinedRole).toBool())
                    return false;
            }
            return true;
        });
    }

    bool say(const QString& room, const QString& text)
    {
        MessageListModel* model = client->messages(room);
        const qint64 before = model->lastSeq();
        client->sendMessage(room, text);
        return waitFor(
            [&] { return model->lastSeq() > before && model->pendingMessages().isEmpty(); });
    }
};

bool save(const QImage& image, const QString& path)
{
    if (image.isNull() || !image.save(path)) {
        std::fprintf(stderr, "chat-screenshots: cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("wrote %s (%dx%d)\n", qPrintable(path), image.width(), image.height());
    return true;
}

QImage grab(QWidget* widget)
{
    settle(150); // let layouts and delayed item layouts run
    return widget->grab().toImage();
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("chat-screenshots"));
    QApplication::setApplicationDisplayName(QStringLiteral("AnonChat"));
    Translations::install(&app, QLocale(QLocale::English)); // plural forms
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output directory."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption compositeOption(
        QStringLiteral("composite"), QStringLiteral("Also write two windows side by side here."),
        QStringLiteral("FILE"));
    parser.addOption(outOption);
    parser.addOption(compositeOption);
    parser.process(app);
    if (!parser.isSet(outOption)) {
        std::fprintf(stderr, "chat-screenshots: --out DIR is required\n");
        return 2;
    }
    const QDir out(parser.value(outOption));
    QDir().mkpath(out.path());

    QTemporaryDir temp;
    ServerConfig config;
    config.port = 0;
    config.storage = ServerConfig::Storage::Memory;
    config.messageRate = 0;
    config.dataDir = temp.filePath(QStringLiteral("server"));
    ChatServer server(config);
    QString error;
    if (!server.listen(&error)) {
        std::fprintf(stderr, "chat-screenshots: %s\n", qPrintable(error));
        return 1;
    }

    Appearance appearance(&app);
    appearance.apply(ClientSettings::Theme::Light, 0);

    Participant me(temp.filePath(QStringLiteral("me.ini")), server.port());
    Participant friendly(temp.filePath(QStringLiteral("friend.ini")), server.port());
    Participant third(temp.filePath(QStringLiteral("third.ini")), server.port());
    me.window = std::make_unique<MainWindow>(me.client.get(), me.settings.get());
    me.window->resize(1000, 620);
    me.window->show();
    friendly.window = std::make_unique<MainWindow>(friendly.client.get(), friendly.settings.get());
    friendly.window->resize(820, 620);
    friendly.window->show();
    for (Participant* p : {&me, &friendly, &third})
        p->connection->open();

    const QString lobby = QStringLiteral("lobby");
    const QString qt = QStringLiteral("qt");
    const QString random = QStringLiteral("random");
    bool ok = third.joinAll({lobby, random}) && me.joinAll({lobby, qt, random}) &&
              friendly.joinAll({lobby, qt});
    me.window->showRoom(qt);
    friendly.window->showRoom(qt);
    ok = ok && me.say(qt, QStringLiteral("Moving the review of the outbox here.")) &&
         friendly.say(qt, QStringLiteral("Good idea. I read the diff: pending messages keep "
                                         "their client_id when they are sent again.")) &&
         me.say(qt, QStringLiteral("Right, so the server drops the duplicate.")) &&
         me.say(qt, QStringLiteral("Tests cover it: go offline, type, reconnect, delivered "
                                   "exactly once."));
    me.window->showRoom(lobby);
    ok = ok &&
         third.say(lobby, QStringLiteral("Morning all! Anyone tried the new desktop client?")) &&
         me.say(lobby, QStringLiteral("Yes, it keeps my handle across restarts.")) &&
         me.say(lobby, QStringLiteral("And what I type while offline goes out when I am back.")) &&
         friendly.say(lobby,
                      QStringLiteral("Release notes: https://example.org/anonchat/releases")) &&
         third.say(lobby, QStringLiteral("Markup stays text: <b>not bold</b>\nShift+Enter "
                                         "starts a new line, Enter sends.")) &&
         friendly.say(qt, QStringLiteral("One more thing: the marker for lost messages shows "
                                         "how many are missing.")) &&
         friendly.say(qt, QStringLiteral("Ping me when it is merged.")) &&
         third.say(random, QStringLiteral("Coffee?"));
    if (!ok) {
        std::fprintf(stderr, "chat-screenshots: the conversation did not go through\n");
        return 1;
    }
    friendly.client->setTyping(lobby, true);
    waitFor([&] { return !me.client->typingMembers(lobby).isEmpty(); });
    friendly.window->showRoom(qt);

    bool written = save(grab(me.window.get()), out.filePath(QStringLiteral("main-window.png")));

    RoomPickerDialog* picker = me.window->openRoomPicker();
    waitFor([&] { return me.client->serverRooms()->rowCount() >= 3; });
    picker->resize(440, 340);
    written = save(grab(picker), out.filePath(QStringLiteral("room-picker.png"))) && written;
    picker->reject();

    SettingsDialog* settings = me.window->openSettings();
    written = save(grab(settings), out.filePath(QStringLiteral("settings.png"))) && written;
    settings->reject();

    if (parser.isSet(compositeOption)) {
        // Two clients talking, each window as it is: side by side on a plain backdrop.
        const QImage left = grab(me.window.get());
        const QImage right = grab(friendly.window.get());
        const int gap = 24;
        QImage canvas(left.width() + right.width() + 3 * gap,
                      std::max(left.height(), right.height()) + 2 * gap, QImage::Format_RGB32);
        canvas.fill(QColor(0x3c, 0x46, 0x55));
        QPainter painter(&canvas);
        painter.drawImage(gap, gap, left);
        painter.drawImage(left.width() + 2 * gap, gap, right);
        painter.end();
        written = save(canvas, parser.value(compositeOption)) && written;
    }

    appearance.apply(ClientSettings::Theme::Dark, 0);
    written = save(grab(me.window.get()), out.filePath(QStringLiteral("main-window-dark.png"))) &&
              written;
    return written ? 0 : 1;
}
