#pragma once

#include <QByteArray>
#include <QString>

/**
 * The JSON body of the Engine.IO v4 open packet ("0{...}") that the server sends first:
 * `{"sid","upgrades":[],"pingInterval","pingTimeout","maxPayload"}`.
 * Intervals are in milliseconds, maxPayload in bytes.
 */
struct EngineHandshake
{
    QString sid;
    /// `"upgrades":["websocket"]` (a session opened over polling) instead of `[]`.
    bool offersWebSocket = false;
    int pingIntervalMs = 25000;
    int pingTimeoutMs = 20000;
    int maxPayloadBytes = 65536;

    /// Compact JSON of the open packet body (without the leading "0").
    QByteArray toJson() const;

    /**
     * Parses an open packet body.
     * @return false, with a reason in @p error, unless it is an object with a non-empty
     *         string `sid` and positive integer `pingInterval` and `pingTimeout`.
     */
    static bool fromJson(QByteArrayView json, EngineHandshake* out, QString* error);
};
