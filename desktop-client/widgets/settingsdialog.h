#pragma once

#include <QDialog>

class ClientSettings;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

/**
 * Edits the connection settings: the server address ("serverUrlEdit", any form
 * SocketIoClient::endpointUrl() accepts, checked as typed) and "Keep my anonymous identity"
 * ("keepIdentityCheck"). accept() writes them to the ClientSettings.
 */
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    /// @param settings read now and written on accept(); not owned.
    explicit SettingsDialog(ClientSettings* settings, QWidget* parent = nullptr);

    /// The address as entered (trimmed).
    QString serverUrl() const;

    void accept() override;

private:
    void onUrlEdited();

    ClientSettings* m_settings;
    QLineEdit* m_urlEdit;
    QLabel* m_urlHint;
    QCheckBox* m_keepIdentity;
    QDialogButtonBox* m_buttons;
};
