#include "banstore.h"

#include "opslogging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

BanStore::BanStore(const QString& dataDir)
    : m_path(dataDir.isEmpty() ? QString() : fileIn(dataDir))
{
    m_writer.setMaxThreadCount(1); // one writer: snapshots land in the order they were taken
}

BanStore::~BanStore()
{
    flush();
}

QString BanStore::fileIn(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("bans.json"));
}

bool BanStore::load(BanList* bans, QString* error) const
{
    if (m_path.isEmpty() || !QFile::exists(m_path))
        return true;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        *error = QStringLiteral("%1 is not a JSON array of bans").arg(m_path);
        return false;
    }
    const int added = bans->addFromJson(document.array());
    qCInfo(lcAdmin) << "loaded" << added << "bans";
    return true;
}

void BanStore::save(const BanList& bans)
{
    if (m_path.isEmpty())
        return;
    const QByteArray json = QJsonDocument(bans.toJson()).toJson(QJsonDocument::Indented);
    const QString path = m_path;
    m_writer.start([path, json] {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
            qCWarning(lcAdmin) << "cannot write" << path << ":" << file.errorString();
    });
}

void BanStore::flush()
{
    m_writer.waitForDone();
}
