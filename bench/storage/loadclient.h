#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QWebSocket>

/**
 * One benchmark connection: a lean Socket.IO client over QWebSocket (no codec objects, so
 * that the client side costs little) that connects, joins one room, then sends
 * `send_message` events keeping a fixed number unacknowledged, and times each ack.
 */
class LoadClient : public QObject
{
    Q_OBJECT

public:
    /**
     * @param room     the room to join and send to.
     * @param messages how many messages to send once started.
     * @param window   most messages sent and not yet acknowledged.
     */
    LoadClient(const QString& room, int messages, int window, QObject* parent = nullptr);

    /// Opens ws://127.0.0.1:@p port; ready() follows once joined.
    void open(quint16 port);
    /// Starts sending; finished() follows after the last ack.
    void start();

    int acked() const { return m_acked; }
    int failed() const { return m_failed; }
    /// `message` events received (deliveries, own messages included).
    qint64 deliveries() const { return m_deliveries; }
    /// Ack latencies, microseconds, in arrival order.
    const QList<qint64>& latenciesUs() const { return m_latenciesUs; }

Q_SIGNALS:
    void ready();
    void finished();
    /// The connection failed or closed before finishing.
    void failedEarly(const QString& why);

private:
    void onText(const QString& frame);
    void sendNext();

    QWebSocket m_socket;
    QString m_room;
    int m_messages;
    int m_window;
    int m_sent = 0;
    int m_acked = 0;
    int m_failed = 0;
    qint64 m_deliveries = 0;
    bool m_joined = false;
    bool m_running = false;
    QElapsedTimer m_clock;
    QList<qint64> m_sentAtUs; ///< by ack id - 1
    QList<qint64> m_latenciesUs;
};
