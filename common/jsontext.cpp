#include "jsontext.h"

#include <QJsonDocument>

QByteArray JsonText::compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray JsonText::withMember(const QJsonObject& object, QLatin1StringView key,
                                const QByteArray& valueJson)
{
    const QByteArray rest = compact(object); // "{}" or "{...}"
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

void JsonText::appendElement(QByteArray* arrayJson, const QByteArray& elementJson)
{
    arrayJson->chop(1); // the closing ']'
    if (arrayJson->size() > 1)
        arrayJson->append(',');
    arrayJson->append(elementJson);
    arrayJson->append(']');
}
