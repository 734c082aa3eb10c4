#include "randomid.h"

#include <QRandomGenerator>

QString RandomId::generate(const QString& prefix, int length)
{
    static constexpr char Alphabet[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id;
    id.reserve(prefix.size() + length);
    id.append(prefix);
    QRandomGenerator* random = QRandomGenerator::global();
    for (int i = 0; i < length; ++i)
        id.append(QLatin1Char(Alphabet[random->bounded(62)]));
    return id;
}
