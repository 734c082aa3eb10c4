#include "participant.h"

#include "chaterror.h"

bool Participant::takeTokens(double cost, qint64 nowMs, ChatError* error)
{
    qint64 retryAfterMs = 0;
    if (bucket.tryTake(cost, nowMs, &retryAfterMs))
        return true;
    *error = ChatError{ChatError::Code::RateLimited, QStringLiteral("too many messages; slow down"),
                       retryAfterMs};
    return false;
}

bool Participant::takeRequestToken(qint64 nowMs, ChatError* error)
{
    qint64 retryAfterMs = 0;
    if (requestBucket.tryTake(1.0, nowMs, &retryAfterMs))
        return true;
    *error = ChatError{ChatError::Code::RateLimited, QStringLiteral("too many requests; slow down"),
                       retryAfterMs};
    return false;
}
