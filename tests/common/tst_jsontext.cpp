#include "jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class tst_JsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withMember()
    {
        const QJsonObject object{{QStringLiteral("ok"), true},
                                 {QStringLiteral("room"), QStringLiteral("a \"quoted\" room")}};
        const QByteArray members = QByteArrayLiteral("[{\"user_id\":\"u1\"}]");
        const QByteArray text = JsonText::withMember(object, QLatin1StringView("members"), members);
        QJsonParseError error;
        const QJsonDocument parsed = QJsonDocument::fromJson(text, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QJsonObject expected = object;
        expected.insert(QStringLiteral("members"),
                        QJsonArray{QJsonObject{{QStringLiteral("user_id"), QStringLiteral("u1")}}});
        QCOMPARE(parsed.object(), expected);
    }

    void withMemberOfEmptyObject()
    {
        const QByteArray text =
            JsonText::withMember(QJsonObject(), QLatin1StringView("members"), "[]");
        QCOMPARE(text, QByteArrayLiteral("{\"members\":[]}"));
    }

    void string_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("AbC-_09");
        QTest::newRow("quotes and escapes") << QStringLiteral("a \"b\" \\ c\n\t\u0001");
        QTest::newRow("non-ASCII") << QStringLiteral("grüße 🙂");
        QTest::newRow("empty") << QString();
    }

    void string()
    {
        QFETCH(QString, text);
        const QByteArray json = JsonText::string(text);
        QVERIFY(json.startsWith('"') && json.endsWith('"'));
        const QJsonDocument parsed = QJsonDocument::fromJson("[" + json + "]");
        QCOMPARE(parsed.array(), QJsonArray{text});
    }

    void appendElement()
    {
        // Built up element by element, the text stays the array Qt would write.
        QByteArray text = "[]";
        QJsonArray reference;
        for (int i = 0; i < 4; ++i) {
            const QJsonObject element{{QStringLiteral("n"), i},
                                      {QStringLiteral("s"), QStringLiteral("é\n%1").arg(i)}};
            JsonText::appendElement(&text, JsonText::compact(element));
            reference.append(element);
            QCOMPARE(text, QJsonDocument(reference).toJson(QJsonDocument::Compact));
        }
    }
};

QTEST_APPLESS_MAIN(tst_JsonText)
#include "tst_jsontext.moc"
