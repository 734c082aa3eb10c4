#include "outboxfile.h"

#include "clientlogging.h"
#include "roomname.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

bool OutboxFile::read(const QString& path, QList<Outbox::Entry>* out)
{
    out->clear();
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcClientSession) << "cannot read the outbox file" << path << file.errorString();
        return false;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    const QJsonObject root = document.object();
    if (error.error != QJsonParseError::NoError || root.value(QLatin1String("version")) != 1) {
        qCWarning(lcClientSession) << "ignoring a malformed outbox file" << path;
        return false;
    }
    QSet<QString> seen;
    const QJsonArray array = root.value(QLatin1String("entries")).toArray();
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        Outbox::Entry entry;
        entry.clientId = object.value(QLatin1String("client_id")).toString();
        entry.text = object.value(QLatin1String("text")).toString();
        entry.createdAt = QDateTime::fromString(
            object.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs);
        entry.failed = object.value(QLatin1String("failed")).toBool();
        QString why;
        if (entry.clientId.isEmpty() || entry.clientId.size() > MaxClientIdLength ||
            seen.contains(entry.clientId) ||
            !RoomName::canonicalize(object.value(QLatin1String("room")).toString(), &entry.room,
                                    &why) ||
            !Outbox::refusal(entry.text).isEmpty()) {
            qCWarning(lcClientSession) << "dropping a malformed outbox entry";
            continue;
        }
        if (!entry.createdAt.isValid())
            entry.createdAt = QDateTime::currentDateTime();
        seen.insert(entry.clientId);
        out->append(entry);
    }
    return true;
}

bool OutboxFile::write(const QString& path, const QList<Outbox::Entry>& entries)
{
    QJsonArray array;
    for (const Outbox::Entry& entry : entries) {
        array.append(
            QJsonObject{{QStringLiteral("client_id"), entry.clientId},
                        {QStringLiteral("room"), entry.room},
                        {QStringLiteral("text"), entry.text},
                        {QStringLiteral("created_at"), entry.createdAt.toString(Qt::ISODateWithMs)},
                        {QStringLiteral("failed"), entry.failed}});
    }
    const QJsonObject root{{QStringLiteral("version"), 1}, {QStringLiteral("entries"), array}};
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        qCWarning(lcClientSession) << "cannot write the outbox file" << path << file.errorString();
        return false;
    }
    return true;
}
