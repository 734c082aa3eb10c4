#include "originpolicy.h"

namespace {

QString normalizedOrigin(QString origin)
{
    origin = origin.trimmed().toLower();
    while (origin.endsWith(QLatin1Char('/')))
        origin.chop(1);
    return origin;
}

} // namespace

OriginPolicy::OriginPolicy(const QStringList& origins)
{
    for (const QString& origin : origins) {
        const QString normalized = normalizedOrigin(origin);
        if (normalized == QLatin1String("*")) {
            m_origins.clear();
            return;
        }
        if (!normalized.isEmpty())
            m_origins.append(normalized);
    }
}

bool OriginPolicy::allows(const QByteArray& origin) const
{
    if (m_origins.isEmpty() || origin.isNull())
        return true;
    return m_origins.contains(normalizedOrigin(QString::fromLatin1(origin)));
}
