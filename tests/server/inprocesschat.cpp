#include "inprocesschat.h"

#include "memoryconnection.h"
#include "tokensigner.h"

#include <QUrl>
#include <QUrlQuery>

InProcessChat::InProcessChat(MessageStore* store, const ChatSettings& settings,
                             const Gateway::Settings& gatewaySettings)
    : identity(TokenSigner::randomSecret(), 3600)
    , service(std::make_unique<ChatService>(settings, store, &fanout, &identity, &metrics))
    , gateway(std::make_unique<Gateway>(service.get(), &channels, &metrics, gatewaySettings))
{}

InProcessChat::~InProcessChat()
{
    service->closeAllNow();
}

MemoryConnection* InProcessChat::connect()
{
    auto* connection = new MemoryConnection;
    gateway->adoptSocketIo(connection);
    return connection;
}

MemoryConnection* InProcessChat::connectJson(const QString& query)
{
    auto* connection = new MemoryConnection;
    gateway->adoptJson(connection,
                       JsonPeer::Query::fromItems(QUrlQuery(query).queryItems(QUrl::FullyDecoded)));
    return connection;
}
