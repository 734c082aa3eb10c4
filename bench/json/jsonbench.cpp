// QJson against Boost.JSON on the payloads of the server's hot path: the parse of one
// inbound `send_message` event and the write of one `message` broadcast. The result is in
// docs/benchmarks.md, "JSON on the hot path". Run: build/dev/bench/json-bench
#include "eventencoder.h"
#include "jsonwriter.h"
#include "timestamp.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

namespace {

const QByteArray inbound =
    QByteArrayLiteral(R"(["send_message",{"room":"lobby","text":"hello","client_id":"c1"}])");

ChatMessage sampleMessage()
{
    ChatMessage message;
    message.room = QStringLiteral("lobby");
    message.seq = 12345;
    message.id = QStringLiteral("m_4f1c2a9be07d");
    message.userId = QStringLiteral("u_9a8b7c6d5e4f");
    message.handle = QStringLiteral("quiet-otter-42");
    message.text = QStringLiteral("hello, how is everyone today?");
    message.ts = QDateTime::fromMSecsSinceEpoch(1'796'000'000'123, Qt::UTC);
    return message;
}

void parseQJson(benchmark::State& state)
{
    for (auto _ : state) {
        QJsonParseError error;
        const QJsonArray array = QJsonDocument::fromJson(inbound, &error).array();
        const QJsonObject object = array.at(1).toObject();
        QString text = object.value(QLatin1StringView("text")).toString();
        benchmark::DoNotOptimize(text);
    }
}

void parseBoost(benchmark::State& state)
{
    for (auto _ : state) {
        boost::json::error_code error;
        const boost::json::value value = boost::json::parse(
            boost::json::string_view(inbound.constData(), inbound.size()), error);
        const boost::json::string& text = value.as_array().at(1).as_object().at("text").as_string();
        QString copy = QString::fromUtf8(text.data(), qsizetype(text.size()));
        benchmark::DoNotOptimize(copy);
    }
}

void writeQJson(benchmark::State& state)
{
    const ChatMessage message = sampleMessage();
    for (auto _ : state) {
        const QByteArray payload = QJsonDocument(message.toJson()).toJson(QJsonDocument::Compact);
        QByteArray frame = QByteArrayLiteral("42[\"message\",") + payload + ']';
        benchmark::DoNotOptimize(frame);
    }
}

void writeBoostObject(benchmark::State& state)
{
    const ChatMessage message = sampleMessage();
    for (auto _ : state) {
        const auto utf8 = [](const QString& s) {
            return s.toStdString();
        };
        boost::json::object object{{"room", utf8(message.room)},
                                   {"seq", message.seq},
                                   {"id", utf8(message.id)},
                                   {"user_id", utf8(message.userId)},
                                   {"handle", utf8(message.handle)},
                                   {"text", utf8(message.text)},
                                   {"ts", utf8(Timestamp::format(message.ts))},
                                   {"client_id", nullptr}};
        const std::string payload = boost::json::serialize(object);
        QByteArray frame =
            QByteArrayLiteral("42[\"message\",") + QByteArray::fromStdString(payload) + ']';
        benchmark::DoNotOptimize(frame);
    }
}

void writeJsonWriter(benchmark::State& state)
{
    const RoomEvent event = sampleMessage();
    for (auto _ : state) {
        QByteArray frame = EventEncoder::encode(WireFormat::SocketIo, event);
        benchmark::DoNotOptimize(frame);
    }
}

} // namespace

BENCHMARK(parseQJson);
BENCHMARK(parseBoost);
BENCHMARK(writeQJson);
BENCHMARK(writeBoostObject);
BENCHMARK(writeJsonWriter);
BENCHMARK_MAIN();
