#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1StringView>

/**
 * Compact JSON text assembled from pieces that QJsonDocument wrote, for parts of a frame
 * that are kept between frames (a room's members array) instead of being serialised anew
 * each time. Every piece is a complete JSON value from QJsonDocument; only the separators
 * (`,` and the enclosing `[]`/`{}`) are added here, so the result is valid JSON (RFC 8259)
 * whenever the pieces are.
 */
class JsonText
{
public:
    /// @p object as compact JSON text, as QJsonDocument::toJson(Compact) writes it.
    static QByteArray compact(const QJsonObject& object);
    /**
     * @p object's compact text with one more member, `"key":value`, placed first (member
     * order carries no meaning in JSON).
     * @param key       plain ASCII without characters JSON must escape (`"`, `\`, controls)
     * @param valueJson one complete compact JSON value, e.g. from compact() or
     *                  appendElement()
     */
    static QByteArray withMember(const QJsonObject& object, QLatin1StringView key,
                                 const QByteArray& valueJson);
    /// withMember() on an object already written: @p objectJson is compact JSON object text.
    static QByteArray withMember(const QByteArray& objectJson, QLatin1StringView key,
                                 const QByteArray& valueJson);
    /// @p text as a JSON string value, quotes and escapes included, as QJsonDocument writes it.
    static QByteArray string(const QString& text);
    /**
     * @p value as compact JSON text, exactly as QJsonDocument writes it as an element of an
     * array (an undefined value as `null`); an object or array is written directly, without
     * first being copied into an enclosing array.
     */
    static QByteArray value(const QJsonValue& value);
    /**
     * Appends @p elementJson (one complete JSON value) to the JSON array text @p arrayJson
     * (`[]` or `[a,...]`, no whitespace after the last element).
     */
    static void appendElement(QByteArray* arrayJson, const QByteArray& elementJson);
};
