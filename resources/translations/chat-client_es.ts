<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ChatClient</name>
    <message>
        <source>You are not in this room.</source>
        <translation>No estás en esta sala.</translation>
    </message>
</context>
<context>
    <name>ConnectionStatusLabel</name>
    <message>
        <source>Connection status</source>
        <translation>Estado de la conexión</translation>
    </message>
    <message>
        <source>Connected as %1</source>
        <translation>Conectado como %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (attempt %2)</source>
        <translation>Reconectando en %1 s (intento %2)</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
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
        <translation>Buscar en la sala</translation>
    </message>
    <message>
        <source>Enter finds the previous match, Shift+Enter the next one, Escape closes</source>
        <translation>Intro busca la coincidencia anterior, Mayús+Intro la siguiente, Esc cierra</translation>
    </message>
    <message>
        <source>Find in this room</source>
        <translation>Buscar en esta sala</translation>
    </message>
    <message>
        <source>Previous match (Enter)</source>
        <translation>Coincidencia anterior (Intro)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Coincidencia anterior</translation>
    </message>
    <message>
        <source>Next match (Shift+Enter)</source>
        <translation>Coincidencia siguiente (Mayús+Intro)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Coincidencia siguiente</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>Cerrar la barra de búsqueda</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>No encontrado</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
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
            <numerusform>%1, %n sin leer</numerusform>
            <numerusform>%1, %n sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: joining…</source>
        <translation>%1: uniéndose…</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n member(s)</source>
        <translation>
            <numerusform>%1, %n miembro</numerusform>
            <numerusform>%1, %n miembros</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Not sent to #%1: %2</source>
        <translation>No enviado a #%1: %2</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Servidor: %1</translation>
    </message>
    <message>
        <source>Connection refused: %1</source>
        <translation>Conexión rechazada: %1</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Salas</translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation>Unirse a una sala</translation>
    </message>
    <message>
        <source>Joined rooms</source>
        <translation>Salas en las que estás</translation>
    </message>
    <message>
        <source>Rooms you are in, with unread counts. Ctrl+Tab or Alt+Down for the next one</source>
        <translation>Salas en las que estás, con los mensajes sin leer. Ctrl+Tab o Alt+Abajo para la siguiente</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>Tiempo de ida y vuelta</translation>
    </message>
    <message>
        <source>Time from a request to the server&apos;s answer</source>
        <translation>Tiempo entre una petición y la respuesta del servidor</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation>RTT %1 ms</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>Sa&amp;la</translation>
    </message>
    <message>
        <source>&amp;Join a room…</source>
        <translation>&amp;Unirse a una sala…</translation>
    </message>
    <message>
        <source>Join a room (Ctrl+K)</source>
        <translation>Unirse a una sala (Ctrl+K)</translation>
    </message>
    <message>
        <source>&amp;Leave room</source>
        <translation>&amp;Salir de la sala</translation>
    </message>
    <message>
        <source>&amp;Next room</source>
        <translation>Sala &amp;siguiente</translation>
    </message>
    <message>
        <source>&amp;Previous room</source>
        <translation>Sala &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;Find in room…</source>
        <translation>&amp;Buscar en la sala…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Show &amp;members</source>
        <translation>Mostrar &amp;miembros</translation>
    </message>
    <message>
        <source>Show or hide the member list (Ctrl+Shift+M)</source>
        <translation>Mostrar u ocultar la lista de miembros (Ctrl+Mayús+M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atajos de teclado</translation>
    </message>
    <message>
        <source>&amp;About AnonChat</source>
        <translation>&amp;Acerca de AnonChat</translation>
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
        <translation>No se puede entrar en %1: %2</translation>
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
        <translation>Ctrl+K	Unirse a una sala
Ctrl+Tab, Alt+Abajo	Sala siguiente
Ctrl+Mayús+Tab, Alt+Arriba	Sala anterior
Ctrl+W	Salir de la sala
Ctrl+F	Buscar en la sala
Ctrl+Mayús+M	Mostrar u ocultar miembros
Intro	Enviar
Mayús+Intro	Nueva línea
Ctrl+,	Preferencias
Esc	Cerrar un diálogo o la barra de búsqueda
Ctrl+Q	Salir</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>About AnonChat</source>
        <translation>Acerca de AnonChat</translation>
    </message>
    <message>
        <source>AnonChat %1
Anonymous real-time chat. No accounts: your identity is a random handle.</source>
        <translation>AnonChat %1
Chat anónimo en tiempo real. Sin cuentas: tu identidad es un nombre aleatorio.</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Ajustes (Ctrl+,)</translation>
    </message>
    <message>
        <source>Quit (Ctrl+Q)</source>
        <translation>Salir (Ctrl+Q)</translation>
    </message>
    <message>
        <source>Leave the room shown (Ctrl+W)</source>
        <translation>Salir de la sala mostrada (Ctrl+W)</translation>
    </message>
    <message>
        <source>Find in the room shown (Ctrl+F)</source>
        <translation>Buscar en la sala mostrada (Ctrl+F)</translation>
    </message>
    <message>
        <source>List the keyboard shortcuts (F1)</source>
        <translation>Mostrar los atajos de teclado (F1)</translation>
    </message>
    <message>
        <source>Version and licence of AnonChat</source>
        <translation>Versión y licencia de AnonChat</translation>
    </message>
</context>
<context>
    <name>MemberList</name>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>People in this room</source>
        <translation>Personas en esta sala</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (tú)</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <source>%1 joined</source>
        <translation>%1 se ha unido</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 se ha ido</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (tú)</translation>
    </message>
    <message>
        <source>%1 · sending…</source>
        <translation>%1 · enviando…</translation>
    </message>
    <message>
        <source>%1 · not sent, click to retry</source>
        <translation>%1 · no enviado, haz clic para reintentar</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message numerus="yes">
        <source>%n message(s) not available</source>
        <translation>
            <numerusform>%n mensaje no disponible</numerusform>
            <numerusform>%n mensajes no disponibles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Messages of the room. Scroll to the top for older ones; Ctrl+C copies the selected message</source>
        <translation>Mensajes de la sala. Desplázate arriba para ver los anteriores; Ctrl+C copia el mensaje seleccionado</translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>&amp;Copiar texto</translation>
    </message>
    <message>
        <source>Copy &amp;link</source>
        <translation>Copiar en&amp;lace</translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation>&amp;Abrir enlace</translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation>&amp;Reintentar el envío</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>The message is empty.</source>
        <translation>El mensaje está vacío.</translation>
    </message>
    <message>
        <source>The message contains invalid characters.</source>
        <translation>El mensaje contiene caracteres no válidos.</translation>
    </message>
    <message numerus="yes">
        <source>The message is longer than %n character(s).</source>
        <translation>
            <numerusform>El mensaje tiene más de %n carácter.</numerusform>
            <numerusform>El mensaje tiene más de %n caracteres.</numerusform>
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
        <translation>%1, última actividad %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n member(s)</source>
        <translation>
            <numerusform>%1, %n miembro</numerusform>
            <numerusform>%1, %n miembros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n miembro</numerusform>
            <numerusform>%n miembros</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomPickerDialog</name>
    <message>
        <source>Join a room</source>
        <translation>Unirse a una sala</translation>
    </message>
    <message>
        <source>Find a room or type a new name</source>
        <translation>Busca una sala o escribe un nombre nuevo</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Nombre de la sala</translation>
    </message>
    <message>
        <source>Filters the list as you type; Enter joins the highlighted room</source>
        <translation>Filtra la lista mientras escribes; Intro entra en la sala resaltada</translation>
    </message>
    <message>
        <source>Room name problem</source>
        <translation>Problema con el nombre de la sala</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Salas</translation>
    </message>
    <message>
        <source>Rooms on the server; activate one to join it</source>
        <translation>Salas del servidor; activa una para unirte</translation>
    </message>
    <message>
        <source>No rooms yet: type a name to create one.</source>
        <translation>Todavía no hay salas: escribe un nombre para crear una.</translation>
    </message>
    <message>
        <source>Refresh the list (F5)</source>
        <translation>Actualizar la lista (F5)</translation>
    </message>
    <message>
        <source>Refresh rooms</source>
        <translation>Actualizar salas</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Unirse</translation>
    </message>
    <message>
        <source>Join the highlighted room</source>
        <translation>Unirse a la sala resaltada</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>no activity yet</source>
        <translation>sin actividad todavía</translation>
    </message>
    <message>
        <source>active just now</source>
        <translation>activa ahora mismo</translation>
    </message>
    <message numerus="yes">
        <source>active %n minute(s) ago</source>
        <translation>
            <numerusform>activa hace %n minuto</numerusform>
            <numerusform>activa hace %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>active %n hour(s) ago</source>
        <translation>
            <numerusform>activa hace %n hora</numerusform>
            <numerusform>activa hace %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>active %n day(s) ago</source>
        <translation>
            <numerusform>activa hace %n día</numerusform>
            <numerusform>activa hace %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>joined</source>
        <translation>dentro</translation>
    </message>
    <message>
        <source>new room: join to create it</source>
        <translation>sala nueva: únete para crearla</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n miembro</numerusform>
            <numerusform>%n miembros</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a room name.</source>
        <translation>Escribe un nombre de sala.</translation>
    </message>
    <message>
        <source>Use only letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos; (no spaces).</source>
        <translation>Usa solo letras, dígitos, «-», «_» y «.» (sin espacios).</translation>
    </message>
    <message numerus="yes">
        <source>A room name has at most %n character(s).</source>
        <translation>
            <numerusform>Un nombre de sala tiene como máximo %n carácter.</numerusform>
            <numerusform>Un nombre de sala tiene como máximo %n caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
</context>
<context>
    <name>RoomView</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Nombre de la sala</translation>
    </message>
    <message>
        <source>Member count</source>
        <translation>Número de miembros</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>Escribiendo</translation>
    </message>
    <message>
        <source>Send status</source>
        <translation>Estado del envío</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>Caracteres usados</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Enviar (Intro)</translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation>Mensaje a #%1</translation>
    </message>
    <message>
        <source>Join a room to start chatting (Ctrl+K)</source>
        <translation>Únete a una sala para empezar a chatear (Ctrl+K)</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 y %2 están escribiendo…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Varias personas están escribiendo…</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>No room</source>
        <translation>Ninguna sala</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>joining…</source>
        <translation>uniéndose…</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n miembro</numerusform>
            <numerusform>%n miembros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending too fast: waiting messages go out in %n s</source>
        <translation>
            <numerusform>Demasiado rápido: los mensajes en espera salen en %n s</numerusform>
            <numerusform>Demasiado rápido: los mensajes en espera salen en %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enter sends, Shift+Enter starts a new line. Up to %n character(s)</source>
        <translation>
            <numerusform>Intro envía, Mayús+Intro empieza una línea nueva. Hasta %n carácter</numerusform>
            <numerusform>Intro envía, Mayús+Intro empieza una línea nueva. Hasta %n caracteres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too long: remove %n character(s) to send</source>
        <translation>
            <numerusform>Demasiado largo: quita %n carácter para enviar</numerusform>
            <numerusform>Demasiado largo: quita %n caracteres para enviar</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Keep my anonymous identity</source>
        <translation>&amp;Conservar mi identidad anónima</translation>
    </message>
    <message>
        <source>Show &amp;notifications for new messages</source>
        <translation>Mostrar &amp;notificaciones de mensajes nuevos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Keep my anonymous identity</source>
        <translation>Conservar mi identidad anónima</translation>
    </message>
    <message>
        <source>Remember the anonymous identity across restarts, so others keep seeing the same handle</source>
        <translation>Recordar la identidad anónima entre reinicios, para que los demás sigan viendo el mismo nombre</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Notify about messages in other rooms, or in any room while the window is in the background</source>
        <translation>Avisar de los mensajes en otras salas, o en cualquier sala mientras la ventana está en segundo plano</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Tamaño de letra</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar las preferencias</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation>Tamaño de &amp;letra:</translation>
    </message>
    <message>
        <source>For example ws://localhost:8000 or wss://chat.example.org</source>
        <translation>Por ejemplo ws://localhost:8000 o wss://chat.example.org</translation>
    </message>
    <message>
        <source>Use ws://, wss://, http:// or https:// with a host name.</source>
        <translation>Usa ws://, wss://, http:// o https:// con un nombre de host.</translation>
    </message>
    <message>
        <source>ws://, wss://, http:// or https:// and a host name; several, separated by commas, are tried in turn</source>
        <translation>ws://, wss://, http:// o https:// y un nombre de host; varias, separadas por comas, se prueban por turno</translation>
    </message>
</context>
<context>
    <name>SocketIoClient</name>
    <message>
        <source>Invalid server address</source>
        <translation>Dirección de servidor no válida</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Anonymous real-time chat client.</source>
        <translation>Cliente de chat anónimo en tiempo real.</translation>
    </message>
    <message>
        <source>Join room NAME at start (repeatable).</source>
        <translation>Unirse a la sala NOMBRE al iniciar (repetible).</translation>
    </message>
    <message>
        <source>Trust the wss:// server with this PEM certificate (a self-signed one), and only it; saved.</source>
        <translation>Confiar en el servidor wss:// con este certificado PEM (uno autofirmado), y solo en él; se guarda.</translation>
    </message>
    <message>
        <source>Server address (overrides the saved ones), e.g. ws://localhost:8000; repeat it for the nodes of a cluster, tried in turn when one is gone.</source>
        <translation>Dirección del servidor (sustituye a las guardadas), p. ej. ws://localhost:8000; repítela para los nodos de un clúster, que se prueban por turno cuando uno falla.</translation>
    </message>
</context>
</TS>
