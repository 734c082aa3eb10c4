#pragma once

#include <QList>
#include <QObject>

#include <csignal>
#include <utility>

class QSocketNotifier;

/**
 * Turns POSIX signals (SIGTERM, SIGINT, ...) into a Qt signal delivered on the event loop,
 * with the self-pipe trick: the async-signal-safe handler only writes the signal number to
 * a socketpair, whose read end a QSocketNotifier watches.
 *
 * One instance per process at most (the handler needs a process-wide descriptor); creating
 * a second one fails with a warning and watches nothing. Destroying it puts back the
 * dispositions its watch() calls replaced.
 */
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject* parent = nullptr);
    /// Restores every watched signal's previous disposition, then closes the pipe.
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
    /// Each watched signal with the disposition it had before the first watch().
    QList<std::pair<int, struct sigaction>> m_previous;
};
