// Resume tokens and the secret file: round trip, forgery, expiry, garbage, file mode.

#include "handlegenerator.h"
#include "tokensigner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class tst_TokenSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void macIsHmacSha256()
    {
        // Computed apart from this code: Python's hmac.new(b"k" * 32, payload, sha256), with
        // the payload and the digest in unpadded base64url.
        QCOMPARE(TokenSigner(QByteArray(32, 'k')).sign(QStringLiteral("u_abcdefgh12"), 1000),
                 QStringLiteral("djEudV9hYmNkZWZnaDEyLjEwMDA."
                                "KDIIKUhA_kmrHu7glu5hWUFj91PJFiR_0BZwbmNuf80"));
        // Copies share the keyed context and still agree with fresh signers.
        const TokenSigner original(QByteArray(32, 'k'));
        const TokenSigner copy = original;
        QString userId;
        QVERIFY(copy.verify(original.sign(QStringLiteral("u_abcdefgh12"), 1000), 999, &userId));
    }

    void roundTripForgeryAndExpiry()
    {
        const TokenSigner signer(QByteArray(32, 'k'));
        const QString token = signer.sign(QStringLiteral("u_abcdefgh12"), 1000);
        QString userId;
        QVERIFY(signer.verify(token, 999, &userId));
        QCOMPARE(userId, QStringLiteral("u_abcdefgh12"));
        QVERIFY(!signer.verify(token, 1000, &userId)); // expired at its expiry second

        const TokenSigner other(QByteArray(32, 'x'));
        QVERIFY(!other.verify(token, 999, &userId)); // another secret: forged

        // Same payload with a different user id but the original signature.
        const QString forged =
            TokenSigner(QByteArray(32, 'x')).sign(QStringLiteral("u_zzzzzzzz99"), 1000);
        const QString spliced = forged.section(QLatin1Char('.'), 0, 0) + QLatin1Char('.') +
                                token.section(QLatin1Char('.'), 1, 1);
        QVERIFY(!signer.verify(spliced, 999, &userId));
        for (const QString& garbage :
             {QString(), QStringLiteral("."), QStringLiteral("a.b"), QStringLiteral("!!!.???"),
              QString(token + QLatin1Char('.')), QString(300, QLatin1Char('a'))})
            QVERIFY2(!signer.verify(garbage, 999, &userId), qPrintable(garbage));
    }

    void userIdFormat()
    {
        QVERIFY(TokenSigner::isValidUserId(u"u_7Kq2mX9p"));
        QVERIFY(!TokenSigner::isValidUserId(u"x_7Kq2mX9p"));
        QVERIFY(!TokenSigner::isValidUserId(u"u_short"));
        QVERIFY(!TokenSigner::isValidUserId(u"u_with.dot.inside"));
    }

    void secretFileIsCreatedOnceWithMode0600()
    {
        QTemporaryDir base;
        const QString dir = QDir(base.path()).filePath(QStringLiteral("nested/data"));
        QByteArray first;
        QByteArray second;
        QString error;
        QVERIFY2(TokenSigner::loadOrCreateSecret(dir, &first, &error), qPrintable(error));
        QCOMPARE(first.size(), TokenSigner::SecretBytes);
        QVERIFY(TokenSigner::loadOrCreateSecret(dir, &second, &error));
        QCOMPARE(second, first);
        const QFileInfo info(QDir(dir).filePath(QStringLiteral("token-secret.key")));
        QCOMPARE(info.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        // A damaged secret is an error, not silently replaced.
        QFile file(info.filePath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("short");
        file.close();
        QVERIFY(!TokenSigner::loadOrCreateSecret(dir, &second, &error));
        QVERIFY(error.contains(info.filePath()));
    }

    void secretFromFileIsTheSameOnEveryNode()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString& name, const QByteArray& content) {
            QFile file(QDir(dir.path()).filePath(name));
            if (!file.open(QIODevice::WriteOnly))
                return QString();
            file.write(content);
            return file.fileName();
        };
        const QString a = write(QStringLiteral("a"), "0123456789abcdef0123\n");
        const QString b = write(QStringLiteral("b"), "0123456789abcdef0123");
        const QString c = write(QStringLiteral("c"), "0123456789abcdef0124");
        const QString shortFile = write(QStringLiteral("short"), "tiny\n");
        QByteArray keyA, keyB, keyC, unused;
        QString error;
        QVERIFY2(TokenSigner::deriveSecretFromFile(a, &keyA, &error), qPrintable(error));
        QVERIFY(TokenSigner::deriveSecretFromFile(b, &keyB, &error));
        QVERIFY(TokenSigner::deriveSecretFromFile(c, &keyC, &error));
        QCOMPARE(keyA.size(), TokenSigner::SecretBytes);
        QCOMPARE(keyA, keyB); // the final newline does not count
        QVERIFY(keyA != keyC);
        QVERIFY(keyA != "0123456789abcdef0123"); // derived, not the content itself
        // A token signed by one node is accepted by another given the same file.
        QString userId;
        QVERIFY(TokenSigner(keyB).verify(TokenSigner(keyA).sign(QStringLiteral("u_abcdefgh"), 100),
                                         50, &userId));
        QVERIFY(!TokenSigner::deriveSecretFromFile(shortFile, &unused, &error));
        QVERIFY(error.contains(shortFile));
        QVERIFY(!TokenSigner::deriveSecretFromFile(dir.filePath(QStringLiteral("none")), &unused,
                                                   &error));
    }

    void handlesAreDeterministic()
    {
        const QString handle = HandleGenerator::handleFor(QStringLiteral("u_7Kq2mX9p"));
        QCOMPARE(HandleGenerator::handleFor(QStringLiteral("u_7Kq2mX9p")), handle);
        QCOMPARE(handle.split(QLatin1Char(' ')).size(), 2);
        QSet<QString> distinct;
        for (int i = 0; i < 50; ++i)
            distinct.insert(HandleGenerator::handleFor(QStringLiteral("u_user%1abc").arg(i)));
        QVERIFY(distinct.size() > 25);
    }
};

QTEST_APPLESS_MAIN(tst_TokenSigner)
#include "tst_tokensigner.moc"
