#include "enginehandshake.h"

#include "jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QByteArray EngineHandshake::toJson() const
{
    // One per connection, the same but for the sid: the rest is written once per thread
    // and settings.
    struct Kept
    {
        int pingIntervalMs = -1;
        int pingTimeoutMs = -1;
        int maxPayloadBytes = -1;
        bool offersWebSocket = false;
        QByteArray json;
    };
    thread_local Kept kept;
    if (kept.pingIntervalMs != pingIntervalMs || kept.pingTimeoutMs != pingTimeoutMs ||
        kept.maxPayloadBytes != maxPayloadBytes || kept.offersWebSocket != offersWebSocket ||
        kept.json.isEmpty()) {
        const QJsonArray upgrades =
            offersWebSocket ? QJsonArray{QStringLiteral("websocket")} : QJsonArray();
        kept = Kept{pingIntervalMs, pingTimeoutMs, maxPayloadBytes, offersWebSocket,
                    JsonText::compact(QJsonObject{
                        {QStringLiteral("upgrades"), upgrades},
                        {QStringLiteral("pingInterval"), pingIntervalMs},
                        {QStringLiteral("pingTimeout"), pingTimeoutMs},
                        {QStringLiteral("maxPayload"), maxPayloadBytes},
                    })};
    }
    return JsonText::withMember(kept.json, QLatin1StringView("sid"), JsonText::string(sid));
}

bool EngineHandshake::fromJson(QByteArrayView json, EngineHandshake* out, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("open packet is not a JSON object");
        return false;
    }
    const QJsonObject object = doc.object();
    const QJsonValue sid = object.value(QStringLiteral("sid"));
    const QJsonValue interval = object.value(QStringLiteral("pingInterval"));
    const QJsonValue timeout = object.value(QStringLiteral("pingTimeout"));
    if (!sid.isString() || sid.toString().isEmpty()) {
        *error = QStringLiteral("open packet has no sid");
        return false;
    }
    if (!interval.isDouble() || interval.toInt() <= 0 || !timeout.isDouble() ||
        timeout.toInt() <= 0) {
        *error = QStringLiteral("open packet has no valid pingInterval/pingTimeout");
        return false;
    }
    out->sid = sid.toString();
    out->pingIntervalMs = interval.toInt();
    out->pingTimeoutMs = timeout.toInt();
    out->maxPayloadBytes = object.value(QStringLiteral("maxPayload")).toInt(out->maxPayloadBytes);
    return true;
}
