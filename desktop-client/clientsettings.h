#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QSettings;

/**
 * The client's persistent settings on top of a QSettings store (owned by the caller, e.g.
 * main() with the application's organisation and name, or a test with an INI file).
 * Keys are grouped under "connection/", "identity/", "window/", "rooms/" and "ui/".
 */
class ClientSettings
{
public:
    /// Colour scheme of the window.
    enum class Theme { System, Light, Dark };

    /// Server address used when none is saved.
    static QString defaultServerUrl() { return QStringLiteral("ws://localhost:8000"); }

    /// @param store where values are read and written; not owned, must outlive this object.
    explicit ClientSettings(QSettings* store);

    /**
     * Saved server address (ws://, wss://, http(s):// or host:port), or defaultServerUrl().
     * Several addresses (the nodes of a cluster, tried in turn) are separated by commas or
     * spaces; see serverUrls().
     */
    QString serverUrl() const;
    void setServerUrl(const QString& url);
    /// serverUrl() split into its addresses (splitServerUrls()); at least one.
    QStringList serverUrls() const { return splitServerUrls(serverUrl()); }
    /// The addresses in @p text, separated by commas and/or white space, empty ones skipped.
    static QStringList splitServerUrls(const QString& text);

    /**
     * SHA-256 digest (32 bytes) of the server's pinned TLS certificate, or empty (no pin:
     * the system store decides). Stored as hex under "connection/pinnedCertSha256".
     * See SocketIoClient::setPinnedCertificateSha256().
     */
    QByteArray pinnedCertificateSha256() const;
    void setPinnedCertificateSha256(const QByteArray& sha256);

    /// "Keep my anonymous identity": whether the token is saved across app restarts
    /// (default true). Turning it off also forgets the saved token.
    bool keepIdentity() const;
    void setKeepIdentity(bool keep);

    /// Saved resume token; empty when none or keepIdentity() is off.
    QString identityToken() const;
    /// Saves @p token when keepIdentity() is on (ignored otherwise).
    void setIdentityToken(const QString& token);

    /// Main window geometry and state as QWidget::saveGeometry / QMainWindow::saveState give.
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    /// Canonical names of the rooms joined when the app last quit, in order.
    QStringList joinedRooms() const;
    void setJoinedRooms(const QStringList& rooms);
    /// The room shown when the app last quit.
    QString lastRoom() const;
    void setLastRoom(const QString& room);

    /// Desktop notifications for messages in other rooms or while the window is inactive
    /// (default true).
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);

    /// Colour scheme (default Theme::System: the platform's palette).
    Theme theme() const;
    void setTheme(Theme theme);

    /// Font size of the window in points; 0 (the default) keeps the platform's size.
    /// Stored values outside 0 or 6..32 read as 0.
    int fontPointSize() const;
    void setFontPointSize(int points);

    /// Whether the member list next to the messages is shown (default true).
    bool memberListVisible() const;
    void setMemberListVisible(bool visible);

    /// Writes pending changes to permanent storage.
    void sync();

private:
    QSettings* m_store;
};
