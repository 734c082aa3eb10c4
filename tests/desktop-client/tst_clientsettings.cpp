#include "clientsettings.h"

#include <QCryptographicHash>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestClientSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAndRoundTrip();
    void tokenOnlyKeptWhenAsked();
    void pinnedCertificate();
    void severalServers();
};

void TestClientSettings::severalServers()
{
    QCOMPARE(ClientSettings::splitServerUrls(QStringLiteral(" ws://a:1, ws://b:2  wss://c ,,")),
             (QStringList{QStringLiteral("ws://a:1"), QStringLiteral("ws://b:2"),
                          QStringLiteral("wss://c")}));
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("client.ini")), QSettings::IniFormat);
    ClientSettings settings(&store);
    QCOMPARE(settings.serverUrls(), QStringList{ClientSettings::defaultServerUrl()});
    settings.setServerUrl(QStringLiteral("ws://a:1, ws://b:2"));
    QCOMPARE(settings.serverUrls(),
             (QStringList{QStringLiteral("ws://a:1"), QStringLiteral("ws://b:2")}));
}

void TestClientSettings::defaultsAndRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("client.ini"));
    {
        QSettings store(path, QSettings::IniFormat);
        ClientSettings settings(&store);
        QCOMPARE(settings.serverUrl(), QStringLiteral("ws://localhost:8000"));
        QVERIFY(settings.keepIdentity());
        QVERIFY(settings.joinedRooms().isEmpty());
        settings.setServerUrl(QStringLiteral(" wss://chat.example.org "));
        settings.setJoinedRooms({QStringLiteral("lobby"), QStringLiteral("qt")});
        settings.setLastRoom(QStringLiteral("qt"));
        settings.setWindowGeometry(QByteArray("geo"));
        settings.sync();
    }
    QSettings store(path, QSettings::IniFormat);
    ClientSettings settings(&store);
    QCOMPARE(settings.serverUrl(), QStringLiteral("wss://chat.example.org"));
    QCOMPARE(settings.joinedRooms(), (QStringList{QStringLiteral("lobby"), QStringLiteral("qt")}));
    QCOMPARE(settings.lastRoom(), QStringLiteral("qt"));
    QCOMPARE(settings.windowGeometry(), QByteArray("geo"));
}

void TestClientSettings::tokenOnlyKeptWhenAsked()
{
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("client.ini")), QSettings::IniFormat);
    ClientSettings settings(&store);
    settings.setIdentityToken(QStringLiteral("secret"));
    QCOMPARE(settings.identityToken(), QStringLiteral("secret"));
    settings.setKeepIdentity(false);
    QCOMPARE(settings.identityToken(), QString());
    settings.setIdentityToken(QStringLiteral("other"));
    QCOMPARE(settings.identityToken(), QString());
    settings.setKeepIdentity(true);
    QCOMPARE(settings.identityToken(), QString()); // forgotten, not restored
}

void TestClientSettings::pinnedCertificate()
{
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("client.ini")), QSettings::IniFormat);
    ClientSettings settings(&store);
    QCOMPARE(settings.pinnedCertificateSha256(), QByteArray());
    const QByteArray digest = QCryptographicHash::hash("cert", QCryptographicHash::Sha256);
    settings.setPinnedCertificateSha256(digest);
    QCOMPARE(settings.pinnedCertificateSha256(), digest);
    QCOMPARE(store.value(QStringLiteral("connection/pinnedCertSha256")).toString(),
             QString::fromLatin1(digest.toHex()));
    // Anything but 32 bytes of hex is no pin.
    store.setValue(QStringLiteral("connection/pinnedCertSha256"), QStringLiteral("abc"));
    QCOMPARE(settings.pinnedCertificateSha256(), QByteArray());
    settings.setPinnedCertificateSha256(QByteArray());
    QVERIFY(!store.contains(QStringLiteral("connection/pinnedCertSha256")));
}

QTEST_GUILESS_MAIN(TestClientSettings)
#include "tst_clientsettings.moc"
