#pragma once

#include "clientconnection.h"
#include "connectionlimits.h"
#include "slowconsumerpolicy.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QList>
#include <QPointer>

class HttpExchange;

/**
 * One Engine.IO session's transport while it is on HTTP long-polling (Engine.IO protocol
 * v4, "Transports: polling"; the reference server's lib/transports/polling.ts and the
 * upgrade of lib/socket.ts), as a ClientConnection: EngineIoSession and the gateway above it
 * see whole text messages (Engine.IO packets) and never learn about HTTP or the upgrade.
 *
 * - sendText() queues a packet; a held GET (poll()) is answered with every queued packet,
 *   joined by the record separator 0x1E, at the end of the event-loop turn; a GET that
 *   finds the queue empty is held until a packet is queued (the heartbeat's ping is one).
 *   A second GET while one is held gets 400 `{"code":3,...}` and closes the session.
 * - post() answers `ok` (text/html, as the reference server) and reports each packet of the
 *   body (split at 0x1E) as textReceived(). A body over the maximum payload gets 413 and
 *   closes the session; one that is not UTF-8 gets 400 and closes it.
 * - upgradeTo() takes the session's new WebSocket: `2probe` is answered `3probe` on it and
 *   the held GET (and any GET until the upgrade) with the noop `6`; then `5` moves the
 *   session: packets still queued go out on the WebSocket first, in order, and from then on
 *   every message in and out is the WebSocket's. Anything else on the WebSocket before `5`,
 *   its loss, or no `5` within UpgradeTimeoutMs drops the WebSocket; polling goes on.
 * - close() answers the held GET (or the next one, within the close deadline) with the
 *   queued packets and a close packet `1`; abort() drops everything at once.
 * - Limits: the queue is the unsent bytes of the slow-consumer rule (SlowConsumerPolicy,
 *   dropReason() "slow consumer"); a client that stops polling misses its pongs and the
 *   heartbeat closes the session.
 */
class PollingConnection : public ClientConnection
{
    Q_OBJECT

public:
    enum class State {
        Polling,   ///< on HTTP long-polling
        Upgrading, ///< a WebSocket answered its probe; waiting for `5`
        Upgraded,  ///< on the WebSocket
        Closed,    ///< over (disconnected() emitted or about to be)
    };
    /// Time a probing WebSocket has to send `5`, ms (the reference server's upgradeTimeout).
    static constexpr int UpgradeTimeoutMs = 10000;

    /**
     * @param sid    the Engine.IO session id, announced in the open packet.
     * @param peer   the client's address.
     * @param limits maxMessageBytes (largest POST body), maxUnsentBytes and
     *               slowConsumerGraceMs (the queue), closeDeadlineMs (close()).
     */
    PollingConnection(const QString& sid, const QHostAddress& peer, const ConnectionLimits& limits,
                      QObject* parent = nullptr);
    ~PollingConnection() override;

    QString sid() const { return m_sid; }
    State state() const { return m_state; }
    /// Whether the session moved to its WebSocket (stays true once closed).
    bool wasUpgraded() const { return m_wasUpgraded; }

    void sendText(const QByteArray& utf8, Urgency urgency = Urgency::Normal) override;
    void close(quint16 code, const QString& reason) override;
    void abort() override;
    /// Engine.IO's heartbeat is a packet: a Ping frame only goes to an upgraded WebSocket.
    void sendPing() override;
    qint64 bytesToWrite() const override;
    QHostAddress peerAddress() const override { return m_peer; }
    QString dropReason() const override;

    /// A GET with this sid: answered now, or held (see the class comment).
    void poll(HttpExchange* get);
    /// A POST with this sid: its body carries packets.
    void post(HttpExchange* post);
    /**
     * The WebSocket of an upgrade request with this sid (ownership is taken). Dropped at
     * once unless the session is on polling with no other probe.
     */
    void upgradeTo(ClientConnection* webSocket);

Q_SIGNALS:
    /// The session moved to its WebSocket (for the metrics).
    void upgraded();

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    void scheduleFlush();
    /// Answers the held GET with the queue (and `1` when closing).
    void flush();
    void answerGet(const QByteArray& body);
    void checkSlowConsumer();
    void onWebSocketText(const QByteArray& utf8);
    void onWebSocketGone();
    void completeUpgrade();
    void dropProbe();
    /// The session is over: disconnected() follows on the next turn.
    void finish();

    const QString m_sid;
    const QHostAddress m_peer;
    const ConnectionLimits m_limits;
    State m_state = State::Polling;
    QList<QByteArray> m_queue;
    qint64 m_queuedBytes = 0;
    QPointer<HttpExchange> m_get;
    ClientConnection* m_webSocket = nullptr; ///< owned; probing or upgraded
    QString m_dropReason;
    bool m_closing = false;
    bool m_wasUpgraded = false; ///< reached Upgraded (the WebSocket speaks for it)
    bool m_flushScheduled = false;
    SlowConsumerPolicy m_slow;
    QElapsedTimer m_clock;
    QBasicTimer m_slowLook;
    QBasicTimer m_closeDeadline;
    QBasicTimer m_upgradeDeadline;
};
