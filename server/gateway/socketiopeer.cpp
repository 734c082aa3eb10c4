#include "socketiopeer.h"

#include "chatservice.h"
#include "engineiosession.h"
#include "protocolevents.h"
#include "replypayloads.h"
#include "requestparser.h"
#include "seedevents.h"
#include "servermetrics.h"
#include "socketioencoder.h"

#include <QHash>
#include <QTimerEvent>

namespace {
// WebSocket close codes (RFC 6455 §7.4.1).
constexpr quint16 GoingAway = 1001;
constexpr quint16 PolicyViolation = 1008;
} // namespace

SocketIoPeer::SocketIoPeer(ChatService* chat, ClientConnection* transport,
                           const EngineIoSession::Settings& engineSettings,
                           const SocketIoSession::Settings& socketSettings,
                           DeliveryChannel* channel, ServerMetrics* metrics, QObject* parent)
    : ChatPeer(parent)
    , m_chat(chat)
    , m_session(transport, engineSettings, socketSettings, this, this)
    , m_channel(channel)
    , m_metrics(metrics)
{}

SocketIoPeer::~SocketIoPeer() = default;

void SocketIoPeer::timerEvent(QTimerEvent* event)
{
    if (!m_session.timerEvent(event->timerId()))
        ChatPeer::timerEvent(event);
}

void SocketIoPeer::socketDisconnected()
{
    m_chat->endSession(m_id);
}

void SocketIoPeer::socketClosed()
{
    m_chat->peerClosed(m_id);
}

void SocketIoPeer::invalidPayloadReplied()
{
    ++m_metrics->protocolErrorsTotal;
}

void SocketIoPeer::start(quint64 id)
{
    m_id = id;
    m_session.start();
}

void SocketIoPeer::sendFrame(const QByteArray& frame)
{
    m_session.send(frame);
}

quint64 SocketIoPeer::deliveryKey() const
{
    return m_session.engine().transport()->multicastKey();
}

QHostAddress SocketIoPeer::peerAddress() const
{
    return m_session.engine().transport()->peerAddress();
}

bool SocketIoPeer::kick(const QString& reason)
{
    if (!m_session.isOpen())
        return false;
    m_session.disconnectSocket();
    m_session.close(PolicyViolation, reason);
    return true;
}

void SocketIoPeer::shutDown(qint64 retryAfterMs)
{
    m_session.emitEvent(
        ProtocolEvents::Notice,
        QJsonObject{{QStringLiteral("code"), QStringLiteral("shutting_down")},
                    {QStringLiteral("message"), QStringLiteral("The server is shutting down")},
                    {QStringLiteral("retry_after_ms"), retryAfterMs}});
    m_session.close(GoingAway, QStringLiteral("server shutting down"));
}

QString SocketIoPeer::closeReason() const
{
    return m_session.engine().closeReason();
}

void SocketIoPeer::socketConnected(const QJsonObject& auth)
{
    const SessionInfo session =
        m_chat->identify(m_id, auth.value(QStringLiteral("token")).toString());
    m_session.emitEvent(ProtocolEvents::Session, session.toJson());
    m_session.emitEvent(SeedEvents::Connected,
                        QJsonObject{{QStringLiteral("sid"), m_session.socketId()}});
}

void SocketIoPeer::socketEvent(const QString& name, const QJsonValue& argument, qint64 ackId)
{
    using Handler = void (SocketIoPeer::*)(const QJsonValue&, qint64);
    static const QHash<QString, Handler> handlers{
        {ProtocolEvents::JoinRoom, &SocketIoPeer::joinRoom},
        {ProtocolEvents::LeaveRoom, &SocketIoPeer::leaveRoom},
        {ProtocolEvents::SendMessage, &SocketIoPeer::sendMessage},
        {ProtocolEvents::ListRooms, &SocketIoPeer::listRooms},
        {ProtocolEvents::History, &SocketIoPeer::history},
        {ProtocolEvents::Typing, &SocketIoPeer::typing},
        {SeedEvents::Join, &SocketIoPeer::seedJoin},
        {SeedEvents::Leave, &SocketIoPeer::seedLeave},
        {SeedEvents::Message, &SocketIoPeer::seedMessage},
        {SeedEvents::TestMessage, &SocketIoPeer::seedTestMessage},
    };
    const Handler handler = handlers.value(name);
    if (!handler) {
        refuse(ChatError{ChatError::Code::InvalidPayload,
                         QStringLiteral("unknown event '%1'").arg(name.left(64))},
               ackId);
        return;
    }
    (this->*handler)(argument, ackId);
}

void SocketIoPeer::joinRoom(const QJsonValue& payload, qint64 ackId)
{
    join(payload, ackId, WireFormat::SocketIo);
}

void SocketIoPeer::seedJoin(const QJsonValue& payload, qint64 ackId)
{
    join(payload, ackId, WireFormat::SeedSocketIo);
}

void SocketIoPeer::join(const QJsonValue& payload, qint64 ackId, WireFormat format)
{
    RequestParser::JoinRoom request;
    ChatError failure;
    if (!RequestParser::parseJoinRoom(payload, &request, &failure))
        return refuse(failure, ackId);
    m_chat->rooms().join(
        m_id, request, format, [this, ackId, format](const ChatResult<JoinAnswer>& result) {
            if (!result.ok())
                return refuse(result.error(), ackId);
            if (format == WireFormat::SeedSocketIo)
                m_session.send(SocketIoEncoder::eventJson(SeedEvents::Joined,
                                                          ReplyPayloads::joined(result.value())),
                               ClientConnection::Urgency::Reply);
            m_session.sendAckJson(ackId, ReplyPayloads::join(result.value()));
        });
}

void SocketIoPeer::seedLeave(const QJsonValue& payload, qint64 ackId)
{
    leave(payload, ackId, true);
}

void SocketIoPeer::seedMessage(const QJsonValue& payload, qint64 ackId)
{
    // {"room","message","username"?,"timestamp"?}: the text is "message"; the name and time
    // are the server's own, whatever the client claims.
    const QJsonObject seed = payload.toObject();
    if (!payload.isObject() || !seed.value(QStringLiteral("message")).isString())
        return refuse(ChatError{ChatError::Code::InvalidPayload,
                                QStringLiteral("message needs a string 'message'")},
                      ackId);
    QJsonObject standard{{QStringLiteral("room"), seed.value(QStringLiteral("room"))},
                         {QStringLiteral("text"), seed.value(QStringLiteral("message"))}};
    if (seed.contains(QStringLiteral("client_id")))
        standard.insert(QStringLiteral("client_id"), seed.value(QStringLiteral("client_id")));
    sendMessage(standard, ackId);
}

void SocketIoPeer::seedTestMessage(const QJsonValue& payload, qint64 ackId)
{
    const QJsonObject response{{QStringLiteral("data"), payload},
                               {QStringLiteral("status"), QStringLiteral("ok")}};
    m_session.emitEvent(SeedEvents::TestResponse, response);
    ack(ackId, response);
}

void SocketIoPeer::leaveRoom(const QJsonValue& payload, qint64 ackId)
{
    leave(payload, ackId, false);
}

void SocketIoPeer::leave(const QJsonValue& payload, qint64 ackId, bool seed)
{
    RequestParser::RoomOnly request;
    ChatError failure;
    if (!RequestParser::parseLeaveRoom(payload, &request, &failure))
        return refuse(failure, ackId);
    m_chat->rooms().leave(
        m_id, request, [this, ackId, seed](const ChatResult<LeaveAnswer>& result) {
            if (!result.ok())
                return refuse(result.error(), ackId);
            if (seed)
                m_session.emitEvent(SeedEvents::Left,
                                    QJsonObject{{QStringLiteral("room"), result.value().room}});
            m_session.sendAckJson(ackId, ReplyPayloads::leave(result.value()));
        });
}

void SocketIoPeer::sendMessage(const QJsonValue& payload, qint64 ackId)
{
    RequestParser::SendMessage request;
    ChatError failure;
    if (!RequestParser::parseSendMessage(payload, &request, &failure))
        return refuse(failure, ackId);
    m_chat->messages().send(m_id, request, [this, ackId](const ChatResult<SendAnswer>& result) {
        if (!result.ok())
            refuse(result.error(), ackId);
        else
            m_session.sendAckJson(ackId, ReplyPayloads::send(result.value()));
    });
}

void SocketIoPeer::listRooms(const QJsonValue& payload, qint64 ackId)
{
    ChatError failure;
    if (!RequestParser::parseListRooms(payload, &failure))
        return refuse(failure, ackId);
    m_chat->rooms().list(m_id, [this, ackId](const ChatResult<QList<RoomSummary>>& result) {
        if (!result.ok())
            refuse(result.error(), ackId);
        else
            ack(ackId, ReplyPayloads::roomList(result.value()));
    });
}

void SocketIoPeer::history(const QJsonValue& payload, qint64 ackId)
{
    RequestParser::History request;
    ChatError failure;
    if (!RequestParser::parseHistory(payload, &request, &failure))
        return refuse(failure, ackId);
    m_chat->messages().history(
        m_id, request, [this, ackId](const ChatResult<HistoryAnswer>& result) {
            if (!result.ok())
                refuse(result.error(), ackId);
            else
                m_session.sendAckJson(ackId, ReplyPayloads::history(result.value()));
        });
}

void SocketIoPeer::typing(const QJsonValue& payload, qint64 ackId)
{
    RequestParser::Typing request;
    ChatError failure;
    if (!RequestParser::parseTyping(payload, &request, &failure))
        return refuse(failure, ackId);
    m_chat->typing().typing(m_id, request, [this, ackId](const ChatResult<TypingAnswer>& result) {
        if (!result.ok())
            refuse(result.error(), ackId);
        else
            m_session.sendAckJson(ackId, ReplyPayloads::typing());
    });
}

void SocketIoPeer::ack(qint64 ackId, const QJsonObject& payload)
{
    m_session.sendAck(ackId, payload);
}

void SocketIoPeer::refuse(const ChatError& error, qint64 ackId)
{
    m_session.replyError(error, ackId);
}
