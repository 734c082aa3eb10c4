#include "serverconfig.h"

#include <QDir>
#include <QStandardPaths>

QString ServerConfig::defaultDataDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() : base).filePath(QStringLiteral("chat-server"));
}

QString ServerConfig::defaultConfigFile()
{
    return QStringLiteral("/etc/chat-server/chat-server.conf");
}
