<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ChatClient</name>
    <message>
        <source>You are not in this room.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionStatusLabel</name>
    <message>
        <source>Connection status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (attempt %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopNotifier</name>
    <message>
        <source>#%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter finds the previous match, Shift+Enter the next one, Escape closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinedRoomsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n unread</numerusform>
            <numerusform>%1, %n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: joining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n member(s)</source>
        <translation>
            <numerusform>%1, %n member</numerusform>
            <numerusform>%1, %n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Not sent to #%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms you are in, with unread counts. Ctrl+Tab or Alt+Down for the next one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time from a request to the server&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find in room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the member list (Ctrl+Shift+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About AnonChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AnonChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 — AnonChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot join %1: %2</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About AnonChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AnonChat %1
Anonymous real-time chat. No accounts: your identity is a random handle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit (Ctrl+Q)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the room shown (Ctrl+W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the room shown (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the keyboard shortcuts (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version and licence of AnonChat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberList</name>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People in this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>%1 joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · not sent, click to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message numerus="yes">
        <source>%n message(s) not available</source>
        <translation>
            <numerusform>%n message not available</numerusform>
            <numerusform>%n messages not available</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages of the room. Scroll to the top for older ones; Ctrl+C copies the selected message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message contains invalid characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The message is longer than %n character(s).</source>
        <translation>
            <numerusform>The message is longer than %n character.</numerusform>
            <numerusform>The message is longer than %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, last activity %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n member(s)</source>
        <translation>
            <numerusform>%1, %n member</numerusform>
            <numerusform>%1, %n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomPickerDialog</name>
    <message>
        <source>Join a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a room or type a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters the list as you type; Enter joins the highlighted room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room name problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms on the server; activate one to join it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rooms yet: type a name to create one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the list (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the highlighted room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a room name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use only letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos; (no spaces).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no activity yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>active %n minute(s) ago</source>
        <translation>
            <numerusform>active %n minute ago</numerusform>
            <numerusform>active %n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>active %n hour(s) ago</source>
        <translation>
            <numerusform>active %n hour ago</numerusform>
            <numerusform>active %n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>active %n day(s) ago</source>
        <translation>
            <numerusform>active %n day ago</numerusform>
            <numerusform>active %n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new room: join to create it</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A room name has at most %n character(s).</source>
        <translation>
            <numerusform>A room name has at most %n character.</numerusform>
            <numerusform>A room name has at most %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomView</name>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room to start chatting (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending too fast: waiting messages go out in %n s</source>
        <translation>
            <numerusform>Sending too fast: waiting messages go out in %n s</numerusform>
            <numerusform>Sending too fast: waiting messages go out in %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enter sends, Shift+Enter starts a new line. Up to %n character(s)</source>
        <translation>
            <numerusform>Enter sends, Shift+Enter starts a new line. Up to %n character</numerusform>
            <numerusform>Enter sends, Shift+Enter starts a new line. Up to %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too long: remove %n character(s) to send</source>
        <translation>
            <numerusform>Too long: remove %n character to send</numerusform>
            <numerusform>Too long: remove %n characters to send</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Keep my anonymous identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;notifications for new messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep my anonymous identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the anonymous identity across restarts, so others keep seeing the same handle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify about messages in other rooms, or in any room while the window is in the background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example ws://localhost:8000 or wss://chat.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use ws://, wss://, http:// or https:// with a host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ws://, wss://, http:// or https:// and a host name; several, separated by commas, are tried in turn</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SocketIoClient</name>
    <message>
        <source>Invalid server address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Anonymous real-time chat client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join room NAME at start (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the wss:// server with this PEM certificate (a self-signed one), and only it; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address (overrides the saved ones), e.g. ws://localhost:8000; repeat it for the nodes of a cluster, tried in turn when one is gone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
