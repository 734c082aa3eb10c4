#pragma once

#include <QString>

/// Random identifiers for sessions, users and messages.
class RandomId
{
public:
    /**
     * @p length random characters of [0-9A-Za-z] (base62, ~5.95 bits each) after @p prefix,
     * e.g. generate(QStringLiteral("u_"), 12) -> "u_7Kq2mX9pA0bZ". Uses the securely seeded
     * QRandomGenerator::global(); not for secrets (use QRandomGenerator::system()).
     */
    static QString generate(const QString& prefix, int length);
};
