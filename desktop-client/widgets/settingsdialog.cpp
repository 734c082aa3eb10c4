#include "settingsdialog.h"

#include "clientsettings.h"
#include "serverendpoint.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

SettingsDialog::SettingsDialog(ClientSettings* settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_urlEdit(new QLineEdit(settings->serverUrl(), this))
    , m_urlHint(new QLabel(this))
    , m_keepIdentity(new QCheckBox(tr("&Keep my anonymous identity"), this))
    , m_notifications(new QCheckBox(tr("Show &notifications for new messages"), this))
    , m_theme(new QComboBox(this))
    , m_fontSize(new QSpinBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    setAccessibleName(tr("Settings"));

    m_urlEdit->setObjectName(QStringLiteral("serverUrlEdit"));
    m_urlEdit->setAccessibleName(tr("Server address"));
    m_urlEdit->setAccessibleDescription(
        tr("ws://, wss://, http:// or https:// and a host name; several, separated by commas, "
           "are tried in turn"));
    m_urlEdit->setPlaceholderText(ClientSettings::defaultServerUrl());
    m_urlHint->setObjectName(QStringLiteral("serverUrlHint"));
    m_urlHint->setTextFormat(Qt::PlainText);
    m_urlHint->setForegroundRole(QPalette::PlaceholderText);

    m_keepIdentity->setObjectName(QStringLiteral("keepIdentityCheck"));
    m_keepIdentity->setAccessibleName(tr("Keep my anonymous identity"));
    m_keepIdentity->setAccessibleDescription(
        tr("Remember the anonymous identity across restarts, so others keep seeing the same "
           "handle"));
    m_keepIdentity->setToolTip(m_keepIdentity->accessibleDescription());
    m_keepIdentity->setChecked(settings->keepIdentity());

    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    m_notifications->setAccessibleName(tr("Notifications"));
    m_notifications->setAccessibleDescription(
        tr("Notify about messages in other rooms, or in any room while the window is in "
           "the background"));
    m_notifications->setToolTip(m_notifications->accessibleDescription());
    m_notifications->setChecked(settings->notificationsEnabled());

    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("System"), int(ClientSettings::Theme::System));
    m_theme->addItem(tr("Light"), int(ClientSettings::Theme::Light));
    m_theme->addItem(tr("Dark"), int(ClientSettings::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(settings->theme())));

    m_fontSize->setObjectName(QStringLiteral("fontSizeSpin"));
    m_fontSize->setAccessibleName(tr("Font size"));
    m_fontSize->setRange(5, 32); // 5 shows as "System": below the smallest real size, 6
    m_fontSize->setSpecialValueText(tr("System"));
    m_fontSize->setSuffix(tr(" pt"));
    m_fontSize->setValue(settings->fontPointSize() > 0 ? settings->fontPointSize() : 5);

    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto* form = new QFormLayout;
    auto* urlLabel = new QLabel(tr("&Server:"), this);
    urlLabel->setBuddy(m_urlEdit);
    form->addRow(urlLabel, m_urlEdit);
    form->addRow(QString(), m_urlHint);
    form->addRow(QString(), m_keepIdentity);
    form->addRow(QString(), m_notifications);
    auto* themeLabel = new QLabel(tr("&Theme:"), this);
    themeLabel->setBuddy(m_theme);
    form->addRow(themeLabel, m_theme);
    auto* fontLabel = new QLabel(tr("&Font size:"), this);
    fontLabel->setBuddy(m_fontSize);
    form->addRow(fontLabel, m_fontSize);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_urlEdit, &QLineEdit::textChanged, this, &SettingsDialog::onUrlEdited);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    onUrlEdited();
    resize(480, sizeHint().height());
}

bool SettingsDialog::isValidServerList(const QString& text)
{
    const QStringList urls = ClientSettings::splitServerUrls(text);
    return !urls.isEmpty() && std::all_of(urls.cbegin(), urls.cend(), [](const QString& url) {
        return ServerEndpoint::fromAddress(url).isValid();
    });
}

QString SettingsDialog::serverUrl() const
{
    return m_urlEdit->text().trimmed();
}

void SettingsDialog::accept()
{
    if (!isValidServerList(serverUrl()))
        return;
    m_settings->setServerUrl(serverUrl());
    m_settings->setKeepIdentity(m_keepIdentity->isChecked());
    m_settings->setNotificationsEnabled(m_notifications->isChecked());
    m_settings->setTheme(ClientSettings::Theme(m_theme->currentData().toInt()));
    m_settings->setFontPointSize(
        m_fontSize->value() == m_fontSize->minimum() ? 0 : m_fontSize->value());
    m_settings->sync();
    QDialog::accept();
}

void SettingsDialog::onUrlEdited()
{
    const bool valid = isValidServerList(serverUrl());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_urlHint->setText(valid ? tr("For example ws://localhost:8000 or wss://chat.example.org")
                             : tr("Use ws://, wss://, http:// or https:// with a host name."));
}
