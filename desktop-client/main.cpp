// chat-client: the desktop chat window. main() owns every object and wires them together;
// all logic lives in the chatclient and chatclientwidgets libraries.
#include "appearance.h"
#include "chatclient.h"
#include "clientsession.h"
#include "clientsettings.h"
#include "connectivitymonitor.h"
#include "mainwindow.h"
#include "outbox.h"
#include "roomname.h"
#include "serverendpoint.h"
#include "socketioclient.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>
#include <QSslCertificate>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AnonChat"));
    QApplication::setApplicationName(QStringLiteral("chat-client"));
    QApplication::setApplicationDisplayName(QStringLiteral("AnonChat"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/chat-client.svg")));
    Translations::install(&app, QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Anonymous real-time chat client."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QApplication::translate("main", "Server address (overrides the saved ones), e.g. "
                                        "ws://localhost:8000; repeat it for the nodes of a "
                                        "cluster, tried in turn when one is gone."),
        QStringLiteral("URL"));
    const QCommandLineOption roomOption(
        QStringLiteral("room"),
        QApplication::translate("main", "Join room NAME at start (repeatable)."),
        QStringLiteral("NAME"));
    const QCommandLineOption pinOption(
        QStringLiteral("pin-cert"),
        QApplication::translate("main", "Trust the wss:// server with this PEM certificate "
                                        "(a self-signed one), and only it; saved."),
        QStringLiteral("FILE"));
    parser.addOption(serverOption);
    parser.addOption(roomOption);
    parser.addOption(pinOption);
    parser.process(app);

    QStringList serverOverride;
    for (const QString& value : parser.values(serverOption))
        serverOverride += ClientSettings::splitServerUrls(value);
    for (const QString& url : std::as_const(serverOverride)) {
        if (!ServerEndpoint::fromAddress(url).isValid()) {
            std::fprintf(stderr, "chat-client: invalid --server address: %s\n", qPrintable(url));
            return 2;
        }
    }
    for (const QString& room : parser.values(roomOption)) {
        QString canonical;
        QString reason;
        if (!RoomName::canonicalize(room, &canonical, &reason)) {
            std::fprintf(stderr, "chat-client: invalid --room %s: %s\n", qPrintable(room),
                         qPrintable(reason));
            return 2;
        }
    }

    QSettings store;
    ClientSettings settings(&store);
    if (parser.isSet(pinOption)) {
        const QList<QSslCertificate> certificates =
            QSslCertificate::fromPath(parser.value(pinOption), QSsl::Pem);
        if (certificates.isEmpty()) {
            std::fprintf(stderr, "chat-client: no PEM certificate in --pin-cert %s\n",
                         qPrintable(parser.value(pinOption)));
            return 2;
        }
        settings.setPinnedCertificateSha256(
            certificates.constFirst().digest(QCryptographicHash::Sha256));
    }
    SocketIoClient connection;
    connection.setPinnedCertificateSha256(settings.pinnedCertificateSha256());
    ChatClient client(&connection);
    client.clientSession()->setServerUrls(serverOverride.isEmpty() ? settings.serverUrls()
                                                                   : serverOverride);
    // Messages typed but not acknowledged before the app last quit go out after the rejoin.
    client.outbox()->setStorageFile(Outbox::defaultStorageFile());
    client.clientSession()->setResumeToken(settings.identityToken());
    ConnectivityMonitor connectivity(&connection);
    connectivity.start();

    Appearance appearance(&app);
    MainWindow window(&client, &settings);
    window.setAppearance(&appearance);
    const QStringList rooms = parser.values(roomOption);
    window.restoreRooms(rooms, rooms.isEmpty() ? QString() : rooms.constLast());
    window.show();
    connection.open();
    return app.exec();
}
