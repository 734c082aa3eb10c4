#include "jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

QByteArray JsonText::compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray JsonText::withMember(const QJsonObject& object, QLatin1StringView key,
                                const QByteArray& valueJson)
{
    return withMember(compact(object), key, valueJson);
}

QByteArray JsonText::withMember(const QByteArray& objectJson, QLatin1StringView key,
                                const QByteArray& valueJson)
{
    const QByteArray& rest = objectJson; // "{}" or "{...}"
    QByteArray text;
    text.reserve(rest.size() + key.size() + valueJson.size() + 4);
    text.append("{\"");
    text.append(key.data(), key.size());
    text.append("\":");
    text.append(valueJson);
    if (rest.size() > 2)
        text.append(',');
    text.append(rest.constData() + 1, rest.size() - 1);
    return text;
}

QByteArray JsonText::string(const QString& text)
{
    // QJsonDocument writes arrays and objects only: write ["text"] and keep what is inside.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QByteArray JsonText::value(const QJsonValue& value)
{
    if (value.isObject())
        return compact(value.toObject());
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

void JsonText::appendElement(QByteArray* arrayJson, const QByteArray& elementJson)
{
    arrayJson->chop(1); // the closing ']'
    if (arrayJson->size() > 1)
        arrayJson->append(',');
    arrayJson->append(elementJson);
    arrayJson->append(']');
}
