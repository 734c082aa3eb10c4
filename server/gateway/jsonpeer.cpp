#include "jsonpeer.h"

#include "chatservice.h"
#include "clientconnection.h"
#include "eventencoder.h"
#include "replypayloads.h"
#include "requestparser.h"
#include "servermetrics.h"

#include <QJsonDocument>
#include <QTimerEvent>

namespace {
// WebSocket close codes (RFC 6455 §7.4.1).
constexpr quint16 GoingAway = 1001;
constexpr quint16 PolicyViolation = 1008;

const QString TypeKey = QStringLiteral("type");
const QString RoomKey = QStringLiteral("room");
const QString ClientIdKey = QStringLiteral("client_id");
// Frames kept while the join is pending; more are refused.
constexpr int MaxEarlyFrames = 32;
} // namespace

JsonPeer::Query JsonPeer::Query::fromItems(const QList<std::pair<QString, QString>>& items)
{
    Query query;
    for (const auto& [key, value] : items) {
        if (key == QLatin1String("room"))
            query.room = value;
        else if (key == QLatin1String("token"))
            query.token = value;
        else if (key == QLatin1String("since"))
            query.since = value;
    }
    return query;
}

JsonPeer::JsonPeer(ChatService* chat, ClientConnection* transport, const Settings& settings,
                   DeliveryChannel* channel, ServerMetrics* metrics, QObject* parent)
    : ChatPeer(parent)
    , m_chat(chat)
    , m_transport(transport)
    , m_settings(settings)
    , m_channel(channel)
    , m_metrics(metrics)
    , m_violations(settings.violationLimit, settings.violationWindowMs)
{
    transport->setParent(this);
    connect(transport, &ClientConnection::textReceived, this, &JsonPeer::onText);
    connect(transport, &ClientConnection::binaryReceived, this, [this] {
        refuse(ChatError{ChatError::Code::InvalidPayload,
                         QStringLiteral("binary frames are not supported")});
    });
    connect(transport, &ClientConnection::pongReceived, this, [this] { m_pongDeadline.stop(); });
    connect(transport, &ClientConnection::disconnected, this, &JsonPeer::onDisconnected);
}

JsonPeer::~JsonPeer() = default;

void JsonPeer::start(quint64 id, const Query& query)
{
    m_id = id;
    RequestParser::JoinRoom request;
    ChatError failure;
    QJsonObject join{{RoomKey, query.room}};
    if (!query.since.isEmpty()) {
        bool ok = false;
        const qint64 since = query.since.toLongLong(&ok);
        join.insert(QStringLiteral("since"), ok ? QJsonValue(since) : QJsonValue(query.since));
    }
    if (!RequestParser::parseJoinRoom(join, &request, &failure)) {
        refuse(failure);
        close(PolicyViolation, failure.message.left(100));
        return;
    }
    sendObject(QStringLiteral("session"), m_chat->identify(m_id, query.token).toJson());
    m_pingTimer.start(m_settings.pingIntervalMs, this);
    m_chat->rooms().join(m_id, request, WireFormat::Json,
                         [this](const ChatResult<JoinAnswer>& result) {
                             if (!result.ok()) {
                                 refuse(result.error());
                                 close(PolicyViolation, result.error().message.left(100));
                                 return;
                             }
                             m_room = result.value().room;
                             m_joined = true;
                             m_transport->sendText(
                                 ReplyPayloads::joined(result.value(), QLatin1StringView("joined")),
                                 ClientConnection::Urgency::Reply);
                             const QByteArrayList early = std::exchange(m_early, {});
                             for (const QByteArray& frame : early)
                                 onText(frame);
                         });
}

void JsonPeer::timerEvent(QTimerEvent* event)
{
    if (event->timerId() == m_pingTimer.timerId()) {
        if (!m_pongDeadline.isActive())
            m_pongDeadline.start(m_settings.pingTimeoutMs, this);
        m_transport->sendPing();
    } else if (event->timerId() == m_pongDeadline.timerId()) {
        m_pongDeadline.stop();
        m_closeReason = QStringLiteral("ping timeout");
        m_closing = true;
        m_transport->abort();
    } else {
        ChatPeer::timerEvent(event);
    }
}

void JsonPeer::onText(const QByteArray& utf8)
{
    if (m_closing)
        return;
    if (!m_joined) {
        // The join may wait for the store; what the client sends meanwhile (e.g. right on
        // open) is handled once it is answered, in order.
        if (m_early.size() < MaxEarlyFrames)
            m_early.append(utf8);
        else
            refuse(ChatError{ChatError::Code::NotInRoom,
                             QStringLiteral("wait for 'joined' before sending more")});
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // Not a JSON object: the whole frame is the text (ws.send("hello") chats).
        sendMessage(QJsonObject{{QStringLiteral("text"), QString::fromUtf8(utf8)}});
        return;
    }
    QJsonObject request = document.object();
    const QString type = request.value(TypeKey).toString();
    if (type == QLatin1String("message"))
        sendMessage(std::move(request));
    else if (type == QLatin1String("typing"))
        sendTyping(std::move(request));
    else if (type == QLatin1String("history"))
        sendHistory(std::move(request));
    else
        refuse(ChatError{ChatError::Code::InvalidPayload,
                         QStringLiteral("unknown type '%1'").arg(type.left(64))},
               request.value(ClientIdKey).toString());
}

void JsonPeer::sendMessage(QJsonObject request)
{
    const QString clientId = request.value(ClientIdKey).toString();
    request.insert(RoomKey, m_room);
    RequestParser::SendMessage message;
    ChatError failure;
    if (!RequestParser::parseSendMessage(request, &message, &failure))
        return refuse(failure, clientId);
    m_chat->messages().send(m_id, message, [this, clientId](const ChatResult<SendAnswer>& result) {
        if (!result.ok())
            return refuse(result.error(), clientId);
        // A retry is not broadcast again: its acknowledgement is
        // the original's broadcast frame, to this client alone.
        if (result.value().retry)
            m_transport->sendText(EventEncoder::encode(WireFormat::Json, result.value().message));
    });
}

void JsonPeer::sendTyping(QJsonObject request)
{
    request.insert(RoomKey, m_room);
    RequestParser::Typing typing;
    ChatError failure;
    if (!RequestParser::parseTyping(request, &typing, &failure))
        return refuse(failure);
    m_chat->typing().typing(m_id, typing, [this](const ChatResult<TypingAnswer>& result) {
        if (!result.ok())
            refuse(result.error());
    });
}

void JsonPeer::sendHistory(QJsonObject request)
{
    request.insert(RoomKey, m_room);
    RequestParser::History history;
    ChatError failure;
    if (!RequestParser::parseHistory(request, &history, &failure))
        return refuse(failure);
    m_chat->messages().history(m_id, history, [this](const ChatResult<HistoryAnswer>& result) {
        if (!result.ok())
            return refuse(result.error());
        m_transport->sendText(
            ReplyPayloads::historyEvent(result.value(), QLatin1StringView("history")),
            ClientConnection::Urgency::Reply);
    });
}

void JsonPeer::sendObject(const QString& type, QJsonObject fields)
{
    fields.insert(TypeKey, type);
    m_transport->sendText(QJsonDocument(fields).toJson(QJsonDocument::Compact),
                          ClientConnection::Urgency::Reply);
}

void JsonPeer::refuse(const ChatError& error, const QString& clientId)
{
    QJsonObject fields = error.toJson();
    if (!clientId.isEmpty())
        fields.insert(ClientIdKey, clientId);
    sendObject(QStringLiteral("error"), std::move(fields));
    if (error.code != ChatError::Code::InvalidPayload)
        return;
    ++m_metrics->protocolErrorsTotal;
    if (m_violations.record())
        close(PolicyViolation, QStringLiteral("too many protocol errors"));
}

void JsonPeer::close(quint16 code, const QString& reason)
{
    if (m_closing)
        return;
    m_closing = true;
    if (m_closeReason.isEmpty())
        m_closeReason = reason;
    m_pingTimer.stop();
    m_pongDeadline.stop();
    m_transport->close(code, reason);
}

void JsonPeer::onDisconnected()
{
    m_closing = true;
    m_pingTimer.stop();
    m_pongDeadline.stop();
    m_chat->peerClosed(m_id);
}

void JsonPeer::sendFrame(const QByteArray& frame)
{
    m_transport->sendText(frame);
}

quint64 JsonPeer::deliveryKey() const
{
    return m_transport->multicastKey();
}

QHostAddress JsonPeer::peerAddress() const
{
    return m_transport->peerAddress();
}

bool JsonPeer::kick(const QString& reason)
{
    if (m_closing)
        return false;
    close(PolicyViolation, reason);
    return true;
}

void JsonPeer::shutDown(qint64 retryAfterMs)
{
    sendObject(
        QStringLiteral("notice"),
        QJsonObject{{QStringLiteral("code"), QStringLiteral("shutting_down")},
                    {QStringLiteral("message"), QStringLiteral("The server is shutting down")},
                    {QStringLiteral("retry_after_ms"), retryAfterMs}});
    close(GoingAway, QStringLiteral("server shutting down"));
}

QString JsonPeer::closeReason() const
{
    if (!m_closeReason.isEmpty())
        return m_closeReason;
    return m_transport->dropReason();
}
