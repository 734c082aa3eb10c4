#pragma once

#include <QJsonObject>

#include <cstdint>
#include <string_view>

class LoadLoop;
struct WsConnection;

/**
 * One benchmark scenario. LoadLoop does the I/O and the Engine.IO/Socket.IO steps up to a
 * joined room and calls these hooks; run() drives the phases and returns the results.
 */
class Scenario
{
public:
    virtual ~Scenario() = default;

    /// Runs the scenario to the end. @return its results (numbers, units in the key names).
    virtual QJsonObject run(LoadLoop& loop) = 0;

    /// @p connection's join_room was acknowledged with ok:true.
    virtual void onJoined(WsConnection& connection, int64_t nowNs)
    {
        (void)connection;
        (void)nowNs;
    }
    /// A `message` event arrived on @p connection; @p text is its "text" field.
    virtual void onMessage(WsConnection& connection, std::string_view text, int64_t nowNs) = 0;
    /// An ack (other than the join's) arrived; @p payload is the JSON array after the id.
    virtual void onAck(WsConnection& connection, int64_t ackId, std::string_view payload,
                       int64_t nowNs)
    {
        (void)connection;
        (void)ackId;
        (void)payload;
        (void)nowNs;
    }
    /// Called once per loop turn before waiting: send what is due.
    virtual void onTick(int64_t nowNs) { (void)nowNs; }
    /// When onTick() wants to run next (ns, CLOCK_MONOTONIC); INT64_MAX for "no need".
    virtual int64_t nextWakeNs() const { return INT64_MAX; }
};
