#pragma once

#include <QDialog>

class ClientSettings;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

/**
 * The settings: the server address ("serverUrlEdit", any form
 * ServerEndpoint::fromAddress() accepts, checked as typed), "Keep my anonymous identity"
 * ("keepIdentityCheck"), desktop notifications ("notificationsCheck"), theme
 * ("themeCombo": system, light, dark) and font size ("fontSizeSpin", 0 = system).
 * accept() writes them to the ClientSettings; Esc or Cancel leaves them alone.
 */
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    /// @param settings read now and written on accept(); not owned.
    explicit SettingsDialog(ClientSettings* settings, QWidget* parent = nullptr);

    /// The address as entered (trimmed); may list several (ClientSettings::splitServerUrls).
    QString serverUrl() const;

    /// True when @p text lists at least one address and SocketIoClient accepts each.
    static bool isValidServerList(const QString& text);

    void accept() override;

private:
    void onUrlEdited();

    ClientSettings* m_settings;
    QLineEdit* m_urlEdit;
    QLabel* m_urlHint;
    QCheckBox* m_keepIdentity;
    QCheckBox* m_notifications;
    QComboBox* m_theme;
    QSpinBox* m_fontSize;
    QDialogButtonBox* m_buttons;
};
