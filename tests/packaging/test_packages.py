"""The .deb packages as an admin installs them: CPack builds both (from the configured
build directory), dpkg-deb unpacks them into a temporary root, and the checks look at
their control data and files, validate the systemd unit, the desktop entry and the
AppStream metadata with the distribution's tools (skipped when a tool is missing), and run
the unpacked server through a smoke test.

    CHAT_BUILD_DIR=build/dev /usr/bin/python3 -m unittest -v test_packages
"""

import glob
import gzip
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from chatprocess import ServerProcess, chat_round_trip, mdwe_wrapper

BUILD_DIR = os.environ.get("CHAT_BUILD_DIR", "")
UNIT = "usr/lib/systemd/system/chat-server.service"
CONFIG = "etc/chat-server/chat-server.conf"
APP_ID = "org.anonchat.ChatClient"


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)


class PackagesTest(unittest.TestCase):
    tmp = None
    debs = {}

    @classmethod
    def setUpClass(cls):
        if not BUILD_DIR:
            raise RuntimeError("CHAT_BUILD_DIR is not set (the CMake build directory)")
        cls.tmp = tempfile.mkdtemp(prefix="chat-packaging-")
        out = os.path.join(cls.tmp, "out")
        built = run(["cpack", "--config", os.path.join(BUILD_DIR, "CPackConfig.cmake"),
                     "-B", out])
        if built.returncode != 0:
            shutil.rmtree(cls.tmp, ignore_errors=True)
            raise AssertionError("cpack failed:\n" + built.stdout + built.stderr)
        cls.root = os.path.join(cls.tmp, "root")
        for name in ("chat-server", "chat-client"):
            found = glob.glob(os.path.join(out, f"{name}_*.deb"))
            if len(found) != 1:
                raise AssertionError(f"expected one {name} package, found {found}")
            cls.debs[name] = found[0]
            subprocess.run(["dpkg-deb", "-x", found[0], cls.root], check=True, timeout=60)

    @classmethod
    def tearDownClass(cls):
        if cls.tmp:
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, relative):
        return os.path.join(self.root, relative)

    def field(self, package, name):
        return run(["dpkg-deb", "-f", self.debs[package], name]).stdout.strip()

    # --- package metadata ----------------------------------------------------------------

    def test_control_fields(self):
        self.assertEqual(self.field("chat-server", "Package"), "chat-server")
        self.assertEqual(self.field("chat-client", "Package"), "chat-client")
        server_depends = self.field("chat-server", "Depends")
        client_depends = self.field("chat-client", "Depends")
        # dpkg-shlibdeps found the Qt libraries each binary links.
        for library in ("libqt6core6", "libqt6network6", "libqt6websockets6", "libc6"):
            self.assertIn(library, server_depends)
        for library in ("libqt6core6", "libqt6widgets6", "libqt6websockets6"):
            self.assertIn(library, client_depends)
        self.assertNotIn("libqt6widgets6", server_depends)  # the server is headless
        self.assertIn("libqt6svg6", client_depends)

    def test_conffile_and_maintainer_scripts(self):
        info = run(["dpkg-deb", "-I", self.debs["chat-server"], "conffiles"])
        self.assertEqual(info.stdout.split(), ["/" + CONFIG])
        control = os.path.join(self.tmp, "control")
        subprocess.run(["dpkg-deb", "-e", self.debs["chat-server"], control], check=True)
        for script in ("postinst", "prerm", "postrm"):
            path = os.path.join(control, script)
            self.assertTrue(os.access(path, os.X_OK), script)
            self.assertEqual(run(["sh", "-n", path]).returncode, 0, script)

    def test_files(self):
        for relative in ("usr/bin/chat-server", "usr/bin/chat-client"):
            self.assertTrue(os.access(self.path(relative), os.X_OK), relative)
        for relative in (UNIT, CONFIG, "usr/share/man/man8/chat-server.8.gz",
                         "usr/share/man/man1/chat-client.1.gz",
                         f"usr/share/applications/{APP_ID}.desktop",
                         f"usr/share/metainfo/{APP_ID}.metainfo.xml",
                         "usr/share/icons/hicolor/scalable/apps/chat-client.svg"):
            self.assertTrue(os.path.isfile(self.path(relative)), relative)
        # The binaries are stripped (CPACK_STRIP_FILES): no debug sections.
        sections = run(["readelf", "-S", self.path("usr/bin/chat-server")]).stdout
        if sections:
            self.assertNotIn(".debug_info", sections)

    def test_man_pages(self):
        for page in ("man8/chat-server.8.gz", "man1/chat-client.1.gz"):
            with gzip.open(self.path("usr/share/man/" + page), "rt") as f:
                text = f.read()
            self.assertTrue(text.startswith(".TH "), page)
            if shutil.which("groff"):
                lint = run(["groff", "-man", "-ww", "-z"], input=text,
                           env=dict(os.environ, LC_ALL="C.UTF-8"))
                self.assertEqual((lint.returncode, lint.stderr), (0, ""), page)
        server_page = gzip.open(self.path("usr/share/man/man8/chat-server.8.gz"), "rt").read()
        # Every flag of --help is documented (--help-all is Qt's own).
        help_text = run([self.path("usr/bin/chat-server"), "--help"]).stdout
        flags = set(re.findall(r"--([a-z][a-z-]+)", help_text)) - {"help-all"}
        self.assertIn("admin-listen", flags)
        undocumented = sorted(flag for flag in flags
                              if "\\-\\-" + flag.replace("-", "\\-") not in server_page)
        self.assertEqual(undocumented, [], "flags missing from chat-server.8")

    # --- the systemd unit ----------------------------------------------------------------

    def unit_text(self):
        with open(self.path(UNIT)) as f:
            return f.read()

    def test_unit_hardening(self):
        unit = self.unit_text()
        for line in ("DynamicUser=yes", "StateDirectory=chat-server", "ProtectSystem=strict",
                     "ProtectHome=yes", "NoNewPrivileges=yes", "PrivateTmp=yes",
                     "PrivateDevices=yes",
                     "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
                     "SystemCallFilter=@system-service", "CapabilityBoundingSet=",
                     "MemoryDenyWriteExecute=yes", "LockPersonality=yes",
                     "RestrictNamespaces=yes",
                     "ExecStart=/usr/bin/chat-server --data-dir /var/lib/chat-server "
                     "--config /etc/chat-server/chat-server.conf"):
            self.assertRegex(unit, "(?m)^" + re.escape(line) + "$")

    def verifiable_unit(self):
        """The unit with ExecStart pointing into the unpacked root (verify checks that the
        binary exists), in a directory of its own."""
        directory = os.path.join(self.tmp, "unit")
        os.makedirs(directory, exist_ok=True)
        unit = self.unit_text().replace("ExecStart=/usr/bin/chat-server",
                                        "ExecStart=" + self.path("usr/bin/chat-server"))
        path = os.path.join(directory, "chat-server.service")
        with open(path, "w") as f:
            f.write(unit)
        return path

    @unittest.skipUnless(shutil.which("systemd-analyze"), "systemd-analyze is not installed")
    def test_unit_verifies(self):
        # MANPATH: Documentation=man:chat-server(8) must resolve, from the unpacked page.
        result = run(["systemd-analyze", "verify", self.verifiable_unit()],
                     env=dict(os.environ, MANPATH=self.path("usr/share/man"),
                              SYSTEMD_LOG_LEVEL="notice"))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stderr.strip(), "", result.stderr)

    @unittest.skipUnless(shutil.which("systemd-analyze"), "systemd-analyze is not installed")
    def test_unit_exposure(self):
        result = run(["systemd-analyze", "security", "--offline=true", self.verifiable_unit()])
        match = re.search(r"Overall exposure level for chat-server\.service: ([0-9.]+)",
                          result.stdout)
        self.assertIsNotNone(match, result.stdout + result.stderr)
        # 0 is fully locked down, 10 is not at all; below 2 systemd rates it "OK".
        self.assertLess(float(match.group(1)), 2.0, result.stdout)

    # --- desktop integration ---------------------------------------------------------------

    @unittest.skipUnless(shutil.which("desktop-file-validate"), "desktop-file-utils missing")
    def test_desktop_file(self):
        result = run(["desktop-file-validate",
                      self.path(f"usr/share/applications/{APP_ID}.desktop")])
        self.assertEqual((result.returncode, result.stdout.strip()), (0, ""), result.stdout)

    @unittest.skipUnless(shutil.which("appstreamcli"), "appstream is not installed")
    def test_metainfo(self):
        result = run(["appstreamcli", "validate", "--no-net", "--explain",
                      self.path(f"usr/share/metainfo/{APP_ID}.metainfo.xml")])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    # --- the unpacked server -----------------------------------------------------------------

    def test_shipped_config_sets_nothing(self):
        result = run([self.path("usr/bin/chat-server"), "--config", self.path(CONFIG),
                      "--print-config"], env={"PATH": os.environ.get("PATH", "")})
        self.assertEqual(result.returncode, 0, result.stderr)
        settings = [line for line in result.stdout.splitlines()
                    if line and not line.startswith(";")]
        self.assertGreater(len(settings), 10)
        for line in settings:
            self.assertTrue(line.endswith("; default"), line)

    def test_server_smoke(self):
        # Under memory-deny-write-execute where the kernel has it, as the unit runs it.
        server = ServerProcess(self.path("usr/bin/chat-server"),
                               ["--config", self.path(CONFIG), "--storage", "memory"],
                               wrapper=mdwe_wrapper())
        try:
            server.start()
            session, joined, message = chat_round_trip(f"http://127.0.0.1:{server.port}",
                                                       "Smoke")
            self.assertTrue(session["user_id"].startswith("u_"))
            self.assertTrue(joined["ok"])
            self.assertEqual(joined["room"], "smoke")
            self.assertEqual(message["text"], "hello through the stack")
            self.assertEqual(message["user_id"], session["user_id"])
            self.assertEqual(server.stop(), 0, server.output())
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
