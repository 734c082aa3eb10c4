#pragma once

#include <QByteArray>
#include <QList>

struct redisReply;

/**
 * One Redis reply as a value (RESP2: status, error, integer, bulk string, array, nil), or
 * Lost when the command got none because the connection was lost or never there. Copied
 * out of hiredis' reply, which is freed when its callback returns.
 */
struct RedisReply
{
    enum class Type { Lost, Nil, Status, Error, Integer, String, Array };
    Type type = Type::Lost;
    qint64 integer = 0;
    QByteArray string; ///< String, Status and Error text
    QList<RedisReply> elements;

    /// True for an answer that is neither Lost nor Error.
    bool ok() const { return type != Type::Lost && type != Type::Error; }

    /// A deep copy of @p reply; Lost when @p reply is null (hiredis' "no reply").
    static RedisReply from(const redisReply* reply);
};
