#pragma once

#include "chatservice.h"
#include "chatsettings.h"
#include "deliverychannels.h"
#include "gateway.h"
#include "identityservice.h"
#include "localroomfanout.h"
#include "servermetrics.h"

#include <memory>

class MemoryConnection;
class MessageStore;

/**
 * The chat core with its Socket.IO gateway, in process and without a network (Quassel's
 * InternalPeer idea): connections are MemoryConnections. For tests and fuzzers that need
 * deterministic interleavings or raw frames in and out.
 */
class InProcessChat
{
public:
    /// @p store must outlive this object.
    InProcessChat(MessageStore* store, const ChatSettings& settings = {},
                  const Gateway::Settings& gatewaySettings = {});
    ~InProcessChat();

    /**
     * A new Socket.IO connection over a MemoryConnection (owned by the chat core; it is
     * deleted once closed: guard it with a QPointer). Its open packet is sent already.
     */
    MemoryConnection* connect();
    /**
     * A new `/ws` connection with the URL query @p query (e.g. "room=x&since=3"), as
     * connect(); its session and joined frames are sent already (memory store).
     */
    MemoryConnection* connectJson(const QString& query);

    ServerMetrics metrics;
    LocalRoomFanout fanout;
    IdentityService identity;
    DeliveryChannels channels;
    std::unique_ptr<ChatService> service;
    std::unique_ptr<Gateway> gateway;
};
