#include "settingsdialog.h"

#include "clientsettings.h"
#include "socketioclient.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(ClientSettings* settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_urlEdit(new QLineEdit(settings->serverUrl(), this))
    , m_urlHint(new QLabel(this))
    , m_keepIdentity(new QCheckBox(tr("&Keep my anonymous identity"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));

    m_urlEdit->setObjectName(QStringLiteral("serverUrlEdit"));
    m_urlEdit->setAccessibleName(tr("Server address"));
    m_urlEdit->setPlaceholderText(ClientSettings::defaultServerUrl());
    m_urlHint->setObjectName(QStringLiteral("serverUrlHint"));
    m_urlHint->setTextFormat(Qt::PlainText);
    m_urlHint->setForegroundRole(QPalette::PlaceholderText);

    m_keepIdentity->setObjectName(QStringLiteral("keepIdentityCheck"));
    m_keepIdentity->setAccessibleName(tr("Keep my anonymous identity"));
    m_keepIdentity->setToolTip(
        tr("Remember the anonymous identity across restarts, so others keep seeing the same "
           "handle."));
    m_keepIdentity->setChecked(settings->keepIdentity());

    m_buttons->setObjectName(QStringLiteral("settingsButtons"));

    auto* form = new QFormLayout;
    auto* urlLabel = new QLabel(tr("&Server:"), this);
    urlLabel->setBuddy(m_urlEdit);
    form->addRow(urlLabel, m_urlEdit);
    form->addRow(QString(), m_urlHint);
    form->addRow(QString(), m_keepIdentity);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_urlEdit, &QLineEdit::textChanged, this, &SettingsDialog::onUrlEdited);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    onUrlEdited();
    resize(460, sizeHint().height());
}

QString SettingsDialog::serverUrl() const
{
    return m_urlEdit->text().trimmed();
}

void SettingsDialog::accept()
{
    if (!SocketIoClient::endpointUrl(serverUrl()).isValid())
        return;
    m_settings->setServerUrl(serverUrl());
    m_settings->setKeepIdentity(m_keepIdentity->isChecked());
    QDialog::accept();
}

void SettingsDialog::onUrlEdited()
{
    const bool valid = SocketIoClient::endpointUrl(serverUrl()).isValid();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_urlHint->setText(valid ? tr("For example ws://localhost:8000 or wss://chat.example.org")
                             : tr("Use ws://, wss://, http:// or https:// with a host name."));
}
