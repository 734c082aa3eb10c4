#pragma once

#include "socketioclient.h"

#include <QLabel>
#include <QTimer>

class ChatClient;

/**
 * The status-bar label that shows exactly one of "Connected as <handle>", "Connecting…",
 * "Reconnecting in N s (attempt k)" (counting down every second) or "Offline".
 * objectName "connectionStatus".
 */
class ConnectionStatusLabel : public QLabel
{
    Q_OBJECT

public:
    /// @param client whose connection state and session are shown; not owned.
    explicit ConnectionStatusLabel(ChatClient* client, QWidget* parent = nullptr);

    /**
     * The text for a state.
     * @param handle        own handle; "Connected as" needs it, else "Connecting…" is shown.
     * @param secondsLeft   whole seconds until the next attempt (Reconnecting only).
     * @param attempt       1-based attempt number (Reconnecting only).
     */
    static QString statusText(SocketIoClient::State state, const QString& handle, int secondsLeft,
                              int attempt);

private:
    void onStateChanged();
    void refresh();

    ChatClient* m_client;
    QTimer m_countdown;
};
