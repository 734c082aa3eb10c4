// libFuzzer target: the server's event dispatch. Each input is a sequence of frames from
// one peer, separated by '\n' (a frame starting with 0x02 is sent as a binary frame), fed
// into a fresh ChatService over an in-memory connection, while a second, well-behaved
// connection sits in room "lobby" and receives whatever gets broadcast. An input whose
// first line starts with "ws:" makes the peer a `/ws` JSON client whose URL query is the
// rest of that line. An input starting with "poll:" is the body of one Engine.IO
// long-polling POST instead (packets joined by 0x1E), split by PollingPayload as
// PollingConnection splits it. Finds crashes, leaks and undefined behaviour anywhere behind
// EngineIoSession and JsonPeer.

#include "inprocesschat.h"
#include "memoryconnection.h"
#include "memorymessagestore.h"
#include "pollingpayload.h"

#include <QCoreApplication>
#include <QPointer>

#include <cstdint>
#include <cstdlib>

namespace {

QCoreApplication* application = nullptr;

void settle()
{
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    // Timers need an event dispatcher; the application lives as long as the process.
    application = new QCoreApplication(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    ChatSettings settings;
    settings.presenceGraceMs = 0;
    settings.maxRoomsPerConnection = 4;
    settings.maxRooms = 6;
    Gateway::Settings gateway;
    gateway.socketIo.violationLimit = 5; // reach the "keeps violating" close often
    {
        MemoryMessageStore store(20);
        InProcessChat chat(&store, settings, gateway);

        // The chat core owns the connections and deletes them once closed: guarded pointers.
        QPointer<MemoryConnection> bystander = chat.connect();
        bystander->record = false;
        bystander->receiveText("40");
        bystander->receiveText("420[\"join_room\",{\"room\":\"lobby\"}]");

        const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
        qsizetype start = 0;
        QPointer<MemoryConnection> peer;
        if (input.startsWith("poll:")) {
            peer = chat.connect();
            if (peer)
                peer->record = false;
            QList<QByteArray> packets;
            QString error;
            if (PollingPayload::decode(input.sliced(5).toByteArray(), &packets, &error)) {
                for (const QByteArray& packet : std::as_const(packets)) {
                    if (!peer)
                        break;
                    peer->receiveText(packet);
                    settle();
                }
            }
            start = input.size() + 1; // nothing left for the frame loop
        } else if (input.startsWith("ws:")) {
            qsizetype end = input.indexOf('\n');
            if (end < 0)
                end = input.size();
            peer = chat.connectJson(QString::fromUtf8(input.sliced(3, end - 3)));
            start = end + 1;
        } else {
            peer = chat.connect();
        }
        if (peer)
            peer->record = false;
        while (start <= input.size() && peer) {
            qsizetype end = input.indexOf('\n', start);
            if (end < 0)
                end = input.size();
            const QByteArrayView frame = input.sliced(start, end - start);
            if (!frame.isEmpty() && frame.front() == '\x02')
                peer->receiveBinary(frame.sliced(1).toByteArray());
            else
                peer->receiveText(QString::fromUtf8(frame).toUtf8()); // as transports validate
            settle();
            start = end + 1;
        }
        if (!bystander || bystander->isClosed())
            std::abort(); // the well-behaved connection must never be dropped
        settle();
    }
    settle();
    return 0;
}
