#include "timestamp.h"

namespace {

constexpr qint64 MsPerDay = 86'400'000;

/// Floor division: days before the epoch round down, as the calendar does.
qint64 floorDiv(qint64 value, qint64 divisor)
{
    return value / divisor - ((value % divisor) < 0 ? 1 : 0);
}

/// Proleptic Gregorian date of @p days since 1970-01-01 (H. Hinnant, "chrono-compatible
/// low-level date algorithms", civil_from_days).
void civilFromDays(qint64 days, qint64* year, int* month, int* day)
{
    days += 719468;
    const qint64 era = floorDiv(days, 146097);
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 shiftedMonth = (5 * dayOfYear + 2) / 153; // March = 0
    *day = int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    *month = int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    *year = yearOfEra + era * 400 + (*month <= 2 ? 1 : 0);
}

char* putDigits(char* out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

} // namespace

QString Timestamp::format(const QDateTime& time)
{
    // Every message and presence event carries one: the digits are written straight from
    // the milliseconds since the epoch (QDateTime::toString() costs about 1 us). Years
    // that four digits cannot hold, and invalid times, go through Qt.
    if (!time.isValid())
        return time.toUTC().toString(Qt::ISODateWithMs);
    const qint64 msecs = time.toMSecsSinceEpoch();
    const qint64 days = floorDiv(msecs, MsPerDay);
    const qint64 msOfDay = msecs - days * MsPerDay;
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, &year, &month, &day);
    if (year < 0 || year > 9999)
        return time.toUTC().toString(Qt::ISODateWithMs);
    char text[24]; // "YYYY-MM-DDTHH:MM:SS.mmmZ"
    char* out = putDigits(text, year, 4);
    *out++ = '-';
    out = putDigits(out, month, 2);
    *out++ = '-';
    out = putDigits(out, day, 2);
    *out++ = 'T';
    out = putDigits(out, msOfDay / 3'600'000, 2);
    *out++ = ':';
    out = putDigits(out, msOfDay / 60'000 % 60, 2);
    *out++ = ':';
    out = putDigits(out, msOfDay / 1000 % 60, 2);
    *out++ = '.';
    out = putDigits(out, msOfDay % 1000, 3);
    *out++ = 'Z';
    return QString::fromLatin1(text, qsizetype(out - text));
}

QDateTime Timestamp::parse(const QString& text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    // Without 'Z' or an offset Qt reads local time: not a contract timestamp.
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime)
        return {};
    return time.toUTC();
}
