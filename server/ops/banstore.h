#pragma once

#include "banlist.h"

#include <QString>
#include <QThreadPool>

/**
 * Keeps the admin's bans in the data directory (`bans.json`, BanList::toJson()'s array), so
 * that they and their expiry survive a restart. Loading happens once at start-up; each
 * save() writes a snapshot on a single background thread (in order, atomically with
 * QSaveFile), so that the event loop never waits for the disk. Without a data directory
 * nothing is kept.
 */
class BanStore
{
public:
    /// Bans of @p dataDir; an empty @p dataDir keeps nothing.
    explicit BanStore(const QString& dataDir);
    /// Waits for the writes still queued.
    ~BanStore();

    /**
     * Adds the stored bans to @p bans. A missing file is no error.
     * @return false, with a reason in @p error, when the file exists but cannot be read
     *         or is not the JSON array of toJson().
     */
    bool load(BanList* bans, QString* error) const;
    /// Queues writing @p bans as they are now.
    void save(const BanList& bans);
    /// Blocks until every queued save() is on disk (tests, shutdown).
    void flush();

    /// The file in @p dataDir.
    static QString fileIn(const QString& dataDir);

private:
    const QString m_path;
    QThreadPool m_writer;
};
