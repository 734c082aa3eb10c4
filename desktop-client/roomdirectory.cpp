#include "roomdirectory.h"

#include "protocolevents.h"
#include "roomlistmodel.h"
#include "roomsummary.h"
#include "serverreply.h"
#include "socketioclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

RoomDirectory::RoomDirectory(SocketIoClient* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_rooms(new RoomListModel(this))
{
    m_timer.setInterval(RefreshIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &RoomDirectory::refresh);
}

RoomDirectory::~RoomDirectory() = default;

void RoomDirectory::refresh()
{
    QPointer<RoomDirectory> self(this);
    m_connection->emitEvent(
        ProtocolEvents::ListRooms, {}, [self](bool acked, const QJsonValue& reply) {
            if (!self || !acked)
                return;
            if (!ServerReply::isOk(reply)) {
                Q_EMIT self->failed(ServerReply::error(reply));
                return;
            }
            QList<RoomSummary> rooms;
            const QJsonArray array = reply.toObject().value(QLatin1String("rooms")).toArray();
            for (const QJsonValue& value : array) {
                RoomSummary summary;
                if (RoomSummary::fromJson(value.toObject(), &summary))
                    rooms.append(summary);
            }
            self->m_rooms->setRooms(rooms);
        });
}
