#include "fakelink.h"

#include <QTest>

bool FakeLink::connect()
{
    if (!server.listen())
        return false;
    connection.setServerUrl(server.url());
    connection.open();
    return QTest::qWaitFor(
        [this] { return connection.state() == SocketIoClient::State::Connected; });
}
