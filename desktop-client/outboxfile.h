#pragma once

#include "outbox.h"

#include <QList>
#include <QString>

/**
 * The Outbox on disk: `{"version":1,"entries":[{"client_id","room","text","created_at",
 * "failed"}]}`, created_at in ISO 8601 with milliseconds. Reading never trusts the file:
 * entries with an empty or overlong client_id, a repeated one, a room name that
 * RoomName::canonicalize refuses or a text Outbox::refusal() refuses are dropped (and
 * logged); the room is stored canonical. Writing is atomic (QSaveFile), creating the
 * directory when needed.
 */
class OutboxFile
{
public:
    /// Longest client_id accepted from the file (ours are 34 characters).
    static constexpr int MaxClientIdLength = 64;

    /**
     * Reads the entries of @p path into @p out (replacing its content), oldest first.
     * @return true when read or absent (then @p out is empty); false, with a warning
     *         logged, when the file cannot be read or is not an outbox file.
     */
    static bool read(const QString& path, QList<Outbox::Entry>* out);

    /// Writes @p entries to @p path. @return false, with a warning logged, on failure.
    static bool write(const QString& path, const QList<Outbox::Entry>& entries);
};
