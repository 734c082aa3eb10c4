#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>

/**
 * Compact JSON text (RFC 8259) written straight into a QByteArray, for the frames the server
 * sends on every packet (`message` broadcasts, presence and typing events), where building a
 * QJsonObject and writing it with QJsonDocument cost most of the frame (docs/benchmarks.md,
 * "JSON on the hot path"). String values are escaped by Boost.JSON's serializer, so the
 * escaping rules are Boost.JSON's: `"` and `\` escaped, control characters as `\b \f \n \r
 * \t` or `\u00xx`, everything else (non-ASCII included) as UTF-8, which is what QJsonDocument
 * writes too (tests/server/tst_jsonwriter.cpp compares the two).
 *
 * The caller writes a well-formed sequence (beginObject(), then key()/value pairs, then
 * endObject(); beginArray(), values, endArray()); the writer adds the commas. Not thread-safe per
 * instance; cheap to create.
 */
class JsonWriter
{
public:
    /**
     * A writer that appends to @p out.
     * @param out the buffer the text goes to; it must outlive the writer
     */
    explicit JsonWriter(QByteArray* out);

    /// Writes `{`.
    void beginObject();
    /// Writes `}`.
    void endObject();
    /// Writes `[`; the values that follow are the array's elements.
    void beginArray();
    /// Writes `]`.
    void endArray();
    /**
     * Writes a member name and its `:`.
     * @param name plain ASCII with nothing JSON must escape (a protocol field name)
     */
    void key(QLatin1StringView name);
    /**
     * Writes @p text as a JSON string. A lone surrogate in @p text (not valid UTF-16) is
     * written as a `\uXXXX` escape (lowercase hex), as QJsonDocument writes it.
     */
    void string(const QString& text);
    /**
     * Writes @p text as a JSON string without escaping it.
     * @param text plain ASCII with nothing JSON must escape (a protocol constant, e.g. a
     *             `type` value of the /ws format)
     */
    void asciiString(QLatin1StringView text);
    /// Writes @p number as a JSON integer (no fraction, no exponent).
    void integer(qint64 number);
    /// Writes `true` or `false`.
    void boolean(bool value);
    /// Writes `null`.
    void null();
    /**
     * Writes @p json as it is.
     * @param json one complete JSON value (e.g. a members array kept between frames)
     */
    void raw(const QByteArray& json);

    /// @p text as a JSON string value, quotes and escapes included.
    static QByteArray quoted(const QString& text);

private:
    void separate();

    QByteArray* m_out;
    bool m_first = true;
};
