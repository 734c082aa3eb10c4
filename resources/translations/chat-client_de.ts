<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChatClient</name>
    <message>
        <source>You are not in this room.</source>
        <translation>Du bist nicht in diesem Raum.</translation>
    </message>
</context>
<context>
    <name>ConnectionStatusLabel</name>
    <message>
        <source>Connection status</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Verbunden als %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (attempt %2)</source>
        <translation>Neuer Verbindungsversuch in %1 s (Versuch %2)</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>DesktopNotifier</name>
    <message>
        <source>#%1: %2</source>
        <translation>#%1: %2</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in room</source>
        <translation>Im Raum suchen</translation>
    </message>
    <message>
        <source>Enter finds the previous match, Shift+Enter the next one, Escape closes</source>
        <translation>Eingabe findet den vorigen Treffer, Umschalt+Eingabe den nächsten, Esc schließt</translation>
    </message>
    <message>
        <source>Find in this room</source>
        <translation>In diesem Raum suchen</translation>
    </message>
    <message>
        <source>Previous match (Enter)</source>
        <translation>Voriger Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Voriger Treffer</translation>
    </message>
    <message>
        <source>Next match (Shift+Enter)</source>
        <translation>Nächster Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriger</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächster</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>JoinedRoomsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n ungelesen</numerusform>
            <numerusform>%1, %n ungelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: joining…</source>
        <translation>%1: trete bei…</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n member(s)</source>
        <translation>
            <numerusform>%1, %n Mitglied</numerusform>
            <numerusform>%1, %n Mitglieder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Not sent to #%1: %2</source>
        <translation>Nicht an #%1 gesendet: %2</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Connection refused: %1</source>
        <translation>Verbindung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Räume</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>Raum betreten</translation>
    </message>
    <message>
        <source>Joined rooms</source>
        <translation>Betretene Räume</translation>
    </message>
    <message>
        <source>Rooms you are in, with unread counts. Ctrl+Tab or Alt+Down for the next one</source>
        <translation>Räume, in denen du bist, mit der Zahl ungelesener Nachrichten. Strg+Tab oder Alt+Unten für den nächsten</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>Antwortzeit</translation>
    </message>
    <message>
        <source>Time from a request to the server&apos;s answer</source>
        <translation>Zeit von einer Anfrage bis zur Antwort des Servers</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation>RTT %1 ms</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>&amp;Raum</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>Raum &amp;betreten…</translation>
    </message>
    <message>
        <source>Join a room (Ctrl+K)</source>
        <translation>Raum betreten (Strg+K)</translation>
    </message>
    <message>
        <source>&amp;Leave room</source>
        <translation>Raum &amp;verlassen</translation>
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation>&amp;Nächster Raum</translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation>&amp;Voriger Raum</translation>
    </message>
    <message>
        <source>&amp;Find in room…</source>
        <translation>Im Raum &amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Show &amp;members</source>
        <translation>&amp;Mitglieder anzeigen</translation>
    </message>
    <message>
        <source>Show or hide the member list (Ctrl+Shift+M)</source>
        <translation>Mitgliederliste ein- oder ausblenden (Strg+Umschalt+M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About AnonChat</source>
        <translation>Über &amp;AnonChat</translation>
    </message>
    <message>
        <source>AnonChat</source>
        <translation>AnonChat</translation>
    </message>
    <message>
        <source>#%1 — AnonChat</source>
        <translation>#%1 — AnonChat</translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation>(%1) %2</translation>
    </message>
    <message>
        <source>Cannot join %1: %2</source>
        <translation>%1 kann nicht betreten werden: %2</translation>
    </message>
    <message>
        <source>Ctrl+K	Join a room
Ctrl+Tab, Alt+Down	Next room
Ctrl+Shift+Tab, Alt+Up	Previous room
Ctrl+W	Leave the room
Ctrl+F	Find in the room
Ctrl+Shift+M	Show or hide members
Enter	Send
Shift+Enter	New line
Ctrl+,	Settings
Esc	Close a dialog or the find bar
Ctrl+Q	Quit</source>
        <translation>Strg+K	Raum betreten
Strg+Tab, Alt+Unten	Nächster Raum
Strg+Umschalt+Tab, Alt+Oben	Voriger Raum
Strg+W	Raum verlassen
Strg+F	Im Raum suchen
Strg+Umschalt+M	Mitglieder ein- oder ausblenden
Eingabe	Senden
Umschalt+Eingabe	Neue Zeile
Strg+,	Einstellungen
Esc	Dialog oder Suchleiste schließen
Strg+Q	Beenden</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>About AnonChat</source>
        <translation>Über AnonChat</translation>
    </message>
    <message>
        <source>AnonChat %1
Anonymous real-time chat. No accounts: your identity is a random handle.</source>
        <translation>AnonChat %1
Anonymer Echtzeit-Chat. Keine Konten: deine Identität ist ein zufälliger Name.</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Einstellungen (Strg+,)</translation>
    </message>
    <message>
        <source>Quit (Ctrl+Q)</source>
        <translation>Beenden (Strg+Q)</translation>
    </message>
    <message>
        <source>Leave the room shown (Ctrl+W)</source>
        <translation>Den angezeigten Raum verlassen (Strg+W)</translation>
    </message>
    <message>
        <source>Find in the room shown (Ctrl+F)</source>
        <translation>Im angezeigten Raum suchen (Strg+F)</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts (F1)</source>
        <translation>Tastenkürzel anzeigen (F1)</translation>
    </message>
    <message>
        <source>Version and licence of AnonChat</source>
        <translation>Version und Lizenz von AnonChat</translation>
    </message>
</context>
<context>
    <name>MemberList</name>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>People in this room</source>
        <translation>Personen in diesem Raum</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (du)</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>%1 joined</source>
        <translation>%1 ist beigetreten</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 ist gegangen</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (du)</translation>
    </message>
    <message>
        <source>%1 · sending…</source>
        <translation>%1 · wird gesendet…</translation>
    </message>
    <message>
        <source>%1 · not sent, click to retry</source>
        <translation>%1 · nicht gesendet, zum Wiederholen klicken</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message numerus="yes">
        <source>%n message(s) not available</source>
        <translation>
            <numerusform>%n Nachricht nicht verfügbar</numerusform>
            <numerusform>%n Nachrichten nicht verfügbar</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Messages of the room. Scroll to the top for older ones; Ctrl+C copies the selected message</source>
        <translation>Nachrichten des Raums. Nach oben scrollen für ältere; Strg+C kopiert die ausgewählte Nachricht</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>Text &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation>Link ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation>Erneut &amp;senden</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>The message is empty.</source>
        <translation>Die Nachricht ist leer.</translation>
    </message>
    <message>
        <source>The message contains invalid characters.</source>
        <translation>Die Nachricht enthält ungültige Zeichen.</translation>
    </message>
    <message numerus="yes">
        <source>The message is longer than %n character(s).</source>
        <translation>
            <numerusform>Die Nachricht ist länger als %n Zeichen.</numerusform>
            <numerusform>Die Nachricht ist länger als %n Zeichen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, last activity %2</source>
        <translation>%1, zuletzt aktiv %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n member(s)</source>
        <translation>
            <numerusform>%1, %n Mitglied</numerusform>
            <numerusform>%1, %n Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomPickerDialog</name>
    <message>
        <source>Join a room</source>
        <translation>Raum betreten</translation>
    </message>
    <message>
        <source>Find a room or type a new name</source>
        <translation>Raum suchen oder neuen Namen eingeben</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Raumname</translation>
    </message>
    <message>
        <source>Filters the list as you type; Enter joins the highlighted room</source>
        <translation>Filtert die Liste beim Tippen; Eingabe betritt den markierten Raum</translation>
    </message>
    <message>
        <source>Room name problem</source>
        <translation>Problem mit dem Raumnamen</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Räume</translation>
    </message>
    <message>
        <source>Rooms on the server; activate one to join it</source>
        <translation>Räume auf dem Server; aktiviere einen, um ihn zu betreten</translation>
    </message>
    <message>
        <source>No rooms yet: type a name to create one.</source>
        <translation>Noch keine Räume: gib einen Namen ein, um einen anzulegen.</translation>
    </message>
    <message>
        <source>Refresh the list (F5)</source>
        <translation>Liste aktualisieren (F5)</translation>
    </message>
    <message>
        <source>Refresh rooms</source>
        <translation>Räume aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Betreten</translation>
    </message>
    <message>
        <source>Join the highlighted room</source>
        <translation>Den markierten Raum betreten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>no activity yet</source>
        <translation>noch keine Aktivität</translation>
    </message>
    <message>
        <source>active just now</source>
        <translation>gerade eben aktiv</translation>
    </message>
    <message numerus="yes">
        <source>active %n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute aktiv</numerusform>
            <numerusform>vor %n Minuten aktiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>active %n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde aktiv</numerusform>
            <numerusform>vor %n Stunden aktiv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>active %n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag aktiv</numerusform>
            <numerusform>vor %n Tagen aktiv</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>joined</source>
        <translation>betreten</translation>
    </message>
    <message>
        <source>new room: join to create it</source>
        <translation>neuer Raum: betreten, um ihn anzulegen</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a room name.</source>
        <translation>Gib einen Raumnamen ein.</translation>
    </message>
    <message>
        <source>Use only letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos; (no spaces).</source>
        <translation>Nur Buchstaben, Ziffern, „-“, „_“ und „.“ verwenden (keine Leerzeichen).</translation>
    </message>
    <message numerus="yes">
        <source>A room name has at most %n character(s).</source>
        <translation>
            <numerusform>Ein Raumname hat höchstens %n Zeichen.</numerusform>
            <numerusform>Ein Raumname hat höchstens %n Zeichen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
</context>
<context>
    <name>RoomView</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Raumname</translation>
    </message>
    <message>
        <source>Member count</source>
        <translation>Mitgliederzahl</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>Tippt</translation>
    </message>
    <message>
        <source>Send status</source>
        <translation>Sendestatus</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>Verwendete Zeichen</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Senden (Eingabe)</translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation>Nachricht an #%1</translation>
    </message>
    <message>
        <source>Join a room to start chatting (Ctrl+K)</source>
        <translation>Betritt einen Raum, um zu chatten (Strg+K)</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 tippt…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 und %2 tippen…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Mehrere Personen tippen…</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>No room</source>
        <translation>Kein Raum</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>joining…</source>
        <translation>trete bei…</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending too fast: waiting messages go out in %n s</source>
        <translation>
            <numerusform>Zu schnell: wartende Nachrichten gehen in %n s hinaus</numerusform>
            <numerusform>Zu schnell: wartende Nachrichten gehen in %n s hinaus</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enter sends, Shift+Enter starts a new line. Up to %n character(s)</source>
        <translation>
            <numerusform>Eingabe sendet, Umschalt+Eingabe beginnt eine neue Zeile. Bis zu %n Zeichen</numerusform>
            <numerusform>Eingabe sendet, Umschalt+Eingabe beginnt eine neue Zeile. Bis zu %n Zeichen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too long: remove %n character(s) to send</source>
        <translation>
            <numerusform>Zu lang: entferne %n Zeichen, um zu senden</numerusform>
            <numerusform>Zu lang: entferne %n Zeichen, um zu senden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Keep my anonymous identity</source>
        <translation>Meine anonyme Identität &amp;behalten</translation>
    </message>
    <message>
        <source>Show &amp;notifications for new messages</source>
        <translation>&amp;Benachrichtigungen für neue Nachrichten anzeigen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Keep my anonymous identity</source>
        <translation>Meine anonyme Identität behalten</translation>
    </message>
    <message>
        <source>Remember the anonymous identity across restarts, so others keep seeing the same handle</source>
        <translation>Die anonyme Identität über Neustarts hinweg behalten, damit andere weiter denselben Namen sehen</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Notify about messages in other rooms, or in any room while the window is in the background</source>
        <translation>Über Nachrichten in anderen Räumen benachrichtigen, oder in jedem Raum, solange das Fenster im Hintergrund ist</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Schriftgröße</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation>&amp;Schriftgröße:</translation>
    </message>
    <message>
        <source>For example ws://localhost:8000 or wss://chat.example.org</source>
        <translation>Zum Beispiel ws://localhost:8000 oder wss://chat.example.org</translation>
    </message>
    <message>
        <source>Use ws://, wss://, http:// or https:// with a host name.</source>
        <translation>Verwende ws://, wss://, http:// oder https:// mit einem Hostnamen.</translation>
    </message>
    <message>
        <source>ws://, wss://, http:// or https:// and a host name; several, separated by commas, are tried in turn</source>
        <translation>ws://, wss://, http:// oder https:// und ein Hostname; mehrere, durch Kommas getrennt, werden der Reihe nach versucht</translation>
    </message>
</context>
<context>
    <name>SocketIoClient</name>
    <message>
        <source>Invalid server address</source>
        <translation>Ungültige Serveradresse</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Anonymous real-time chat client.</source>
        <translation>Anonymer Echtzeit-Chat-Client.</translation>
    </message>
    <message>
        <source>Join room NAME at start (repeatable).</source>
        <translation>Beim Start Raum NAME betreten (wiederholbar).</translation>
    </message>
    <message>
        <source>Trust the wss:// server with this PEM certificate (a self-signed one), and only it; saved.</source>
        <translation>Diesem wss://-Server mit diesem PEM-Zertifikat (einem selbst signierten) vertrauen, und nur ihm; wird gespeichert.</translation>
    </message>
    <message>
        <source>Server address (overrides the saved ones), e.g. ws://localhost:8000; repeat it for the nodes of a cluster, tried in turn when one is gone.</source>
        <translation>Serveradresse (ersetzt die gespeicherten), z. B. ws://localhost:8000; für die Knoten eines Clusters wiederholen, sie werden der Reihe nach versucht, wenn einer ausfällt.</translation>
    </message>
</context>
</TS>
