#include "jsonwsclient.h"

#include <QJsonDocument>
#include <QTest>
#include <QUrl>

namespace {
constexpr int WaitMs = 5000;
}

JsonWsClient::JsonWsClient(QObject* parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closed = true; });
}

bool JsonWsClient::open(quint16 port, const QString& query)
{
    m_socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws%2").arg(port).arg(query)));
    return waitForFrames(QStringLiteral("session"));
}

bool JsonWsClient::join(quint16 port, const QString& query)
{
    return open(port, query) && waitForFrames(QStringLiteral("joined"));
}

void JsonWsClient::send(const QJsonObject& object)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

QList<QJsonObject> JsonWsClient::frames(const QString& type) const
{
    QList<QJsonObject> result;
    for (const QJsonObject& frame : m_frames) {
        if (frame.value(QStringLiteral("type")).toString() == type)
            result.append(frame);
    }
    return result;
}

bool JsonWsClient::waitForFrames(const QString& type, int count)
{
    return QTest::qWaitFor([&] { return frames(type).size() >= count || m_closed; }, WaitMs) &&
           frames(type).size() >= count;
}

bool JsonWsClient::waitForClosed()
{
    return QTest::qWaitFor([this] { return m_closed; }, WaitMs);
}
