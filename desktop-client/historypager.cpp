#include "historypager.h"

#include "clientlogging.h"
#include "messagelistmodel.h"
#include "protocolevents.h"
#include "serverreply.h"
#include "socketioclient.h"

#include <QJsonObject>
#include <QPointer>

HistoryPager::HistoryPager(SocketIoClient* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
{}

bool HistoryPager::fetch(const QString& room, MessageListModel* model, bool older)
{
    if (!model || m_inFlight.contains(room))
        return false;
    if (older ? !model->canFetchOlder() : model->isAtLatest())
        return false;
    const qint64 before = older ? model->firstSeq() : model->newestLoadedSeq() + 1 + PageSize;
    QPointer<HistoryPager> self(this);
    QPointer<MessageListModel> target(model);
    const bool sent = m_connection->emitEvent(
        ProtocolEvents::History,
        {{QStringLiteral("room"), room},
         {QStringLiteral("before"), before},
         {QStringLiteral("limit"), PageSize}},
        [self, target, room, older](bool acked, const QJsonValue& reply) {
            if (!self)
                return;
            self->m_inFlight.remove(room);
            if (!acked || !target)
                return; // dropped connection or left room: asked again when needed
            if (!ServerReply::isOk(reply)) {
                Q_EMIT self->failed(ServerReply::error(reply));
                return;
            }
            const QJsonObject object = reply.toObject();
            const auto page = ServerReply::messages(object.value(QLatin1String("history")));
            const int count = older ? target->addOlderMessages(
                                          page, object.value(QLatin1String("has_more")).toBool())
                                    : target->addNewerMessages(page);
            qCDebug(lcClientSession) << "history page of" << room << ":" << count;
            Q_EMIT self->pageInserted(room, count, older);
        });
    if (sent)
        m_inFlight.insert(room);
    return sent;
}
