// JsonWriter (Boost.JSON's escaping) writes the bytes QJsonDocument wrote: every string
// value, and every RoomEvent in every WireFormat, is compared with the QJson text it
// replaced on the hot path.

#include "eventencoder.h"
#include "jsontext.h"
#include "jsonwriter.h"
#include "timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime Ts = QDateTime::fromMSecsSinceEpoch(1'800'000'000'123, Qt::UTC);

/// The strings of the escaping rules: quotes, backslashes, controls, non-ASCII, surrogates.
QList<QString> awkwardStrings()
{
    QList<QString> strings{u""_s,
                           u"plain"_s,
                           u"quote \" backslash \\ slash /"_s,
                           u"gr\u00fc\u00dfe \u20ac \U0001F642"_s,
                           u"del \u007f nbsp \u00a0 ls \u2028 ps \u2029 bom \ufeff"_s,
                           QString(QChar(0xd800)) + u"lone high"_s,
                           u"lone low"_s + QChar(0xdc00),
                           QString(QChar(0xdc00)) + QChar(0xd800)};
    for (char16_t c = 0; c < 0x20; ++c)
        strings.append(u"a"_s + QChar(c) + u"b"_s);
    return strings;
}

/// What the encoder wrote before: QJsonDocument over the event's QJsonObject.
QByteArray qjsonEncoding(WireFormat format, const RoomEvent& event)
{
    QJsonObject payload = EventEncoder::payload(event);
    if (format == WireFormat::Json) {
        payload.insert(u"type"_s, QString(EventEncoder::eventName(event)));
        return QJsonDocument(payload).toJson(QJsonDocument::Compact);
    }
    if (format == WireFormat::SeedSocketIo && std::holds_alternative<ChatMessage>(event)) {
        const auto& m = std::get<ChatMessage>(event);
        payload = QJsonObject{{u"room"_s, m.room},       {u"message"_s, m.text},
                              {u"username"_s, m.handle}, {u"timestamp"_s, m.ts.toMSecsSinceEpoch()},
                              {u"id"_s, m.id},           {u"seq"_s, m.seq},
                              {u"user_id"_s, m.userId},  {u"ts"_s, Timestamp::format(m.ts)}};
    }
    return "42[" + JsonText::string(QString(EventEncoder::eventName(event))) + ',' +
           JsonText::compact(payload) + ']';
}

} // namespace

class tst_JsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringsAreEscapedAsQJsonDid()
    {
        for (const QString& text : awkwardStrings())
            QCOMPARE(JsonWriter::quoted(text), JsonText::string(text));
    }

    void controlCharactersAreEscaped()
    {
        QCOMPARE(JsonWriter::quoted(u"\n\t\u0001"_s), QByteArray(R"("\n\t\u0001")"));
        for (char16_t c = 0; c < 0x20; ++c) {
            const QByteArray text = JsonWriter::quoted(QString(QChar(c)));
            for (char byte : text)
                QVERIFY2(uchar(byte) >= 0x20, text.constData());
        }
    }

    void nonAsciiIsUtf8()
    {
        QCOMPARE(JsonWriter::quoted(u"\u00fc\U0001F642"_s),
                 QByteArray("\"\xc3\xbc\xf0\x9f\x99\x82\""));
    }

    void writtenTextParsesBack()
    {
        for (const QString& text : awkwardStrings()) {
            QByteArray out;
            JsonWriter json(&out);
            json.beginObject();
            json.key(QLatin1StringView("s"));
            json.string(text);
            json.key(QLatin1StringView("n"));
            json.integer(-9'007'199'254'740'991);
            json.key(QLatin1StringView("b"));
            json.boolean(false);
            json.key(QLatin1StringView("z"));
            json.null();
            json.key(QLatin1StringView("r"));
            json.raw("[1,{}]");
            json.endObject();
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(out, &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(object.value(u"s"_s).toString(), text);
            QCOMPARE(object.value(u"n"_s).toInteger(), -9'007'199'254'740'991);
            QVERIFY(object.value(u"z"_s).isNull());
            QCOMPARE(object.value(u"r"_s).toArray().size(), 2);
        }
    }

    void arraysAndConstantsAreWrittenAsQJsonWould()
    {
        QByteArray out;
        JsonWriter json(&out);
        json.beginObject();
        json.key(QLatin1StringView("a"));
        json.beginArray();
        json.endArray();
        json.key(QLatin1StringView("b"));
        json.beginArray();
        json.integer(1);
        json.beginObject();
        json.endObject();
        json.beginArray();
        json.asciiString(QLatin1StringView("x"));
        json.endArray();
        json.endArray();
        json.key(QLatin1StringView("type"));
        json.asciiString(QLatin1StringView("joined"));
        json.endObject();
        const QJsonObject expected{{u"a"_s, QJsonArray()},
                                   {u"b"_s, QJsonArray{1, QJsonObject(), QJsonArray{u"x"_s}}},
                                   {u"type"_s, u"joined"_s}};
        QCOMPARE(out, QJsonDocument(expected).toJson(QJsonDocument::Compact));
    }

    void eventsAreTheBytesQJsonWrote()
    {
        for (const QString& text : awkwardStrings()) {
            const QList<RoomEvent> events{
                ChatMessage{u"lobby"_s, 7, u"m_1"_s, u"u_a"_s, text, text, Ts, text},
                ChatMessage{text, 1, u"m_2"_s, u"u_b"_s, u"h"_s, text, Ts, QString()},
                PresenceEvent{PresenceEvent::Kind::Joined, text, u"u_a"_s, text, Ts, QString()},
                PresenceEvent{PresenceEvent::Kind::Left, u"r"_s, text, u"h"_s, Ts, text},
                TypingEvent{text, u"u_a"_s, text, true},
                TypingEvent{u"r"_s, text, u"h"_s, false}};
            for (const RoomEvent& event : events) {
                for (WireFormat format :
                     {WireFormat::SocketIo, WireFormat::SeedSocketIo, WireFormat::Json})
                    QCOMPARE(EventEncoder::encode(format, event), qjsonEncoding(format, event));
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_JsonWriter)
#include "tst_jsonwriter.moc"
