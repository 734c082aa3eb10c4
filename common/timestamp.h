#pragma once

#include <QDateTime>
#include <QString>

/**
 * The contract's timestamp form: ISO 8601 in UTC with milliseconds,
 * e.g. "2026-11-21T09:30:00.123Z". Source: shared protocol, "Server -> client events".
 */
class Timestamp
{
public:
    /// Formats @p time (any time spec) as UTC with milliseconds and a trailing 'Z'.
    static QString format(const QDateTime& time);
    /**
     * Parses an ISO 8601 timestamp with an explicit offset or 'Z'.
     * @return an invalid QDateTime when @p text is not such a timestamp.
     */
    static QDateTime parse(const QString& text);
};
