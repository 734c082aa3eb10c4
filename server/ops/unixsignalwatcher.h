#pragma once

#include <QObject>

class QSocketNotifier;

/**
 * Turns POSIX signals (SIGTERM, SIGINT, ...) into a Qt signal delivered on the event loop,
 * with the self-pipe trick: the async-signal-safe handler only writes the signal number to
 * a socketpair, whose read end a QSocketNotifier watches.
 *
 * One instance per process at most (the handler needs a process-wide descriptor); creating
 * a second one fails with a warning and watches nothing.
 */
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject* parent = nullptr);
    ~UnixSignalWatcher() override;

    /**
     * Installs the handler for @p signalNumber (e.g. SIGTERM).
     * @return false when the pipe could not be created or sigaction failed.
     */
    bool watch(int signalNumber);

Q_SIGNALS:
    /// @p signalNumber arrived; emitted on this object's thread.
    void signalReceived(int signalNumber);

private:
    void onReadable();

    int m_fds[2] = {-1, -1};
    QSocketNotifier* m_notifier = nullptr;
};
