#include "enginehandshake.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QByteArray EngineHandshake::toJson() const
{
    const QJsonObject object{
        {QStringLiteral("sid"), sid},
        {QStringLiteral("upgrades"), QJsonArray()},
        {QStringLiteral("pingInterval"), pingIntervalMs},
        {QStringLiteral("pingTimeout"), pingTimeoutMs},
        {QStringLiteral("maxPayload"), maxPayloadBytes},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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
