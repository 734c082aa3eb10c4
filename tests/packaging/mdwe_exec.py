"""mdwe_exec.py PROGRAM ARGS...: runs PROGRAM with memory-deny-write-execute in force
(prctl PR_SET_MDWE, Linux 6.3+), the kernel feature behind systemd's
MemoryDenyWriteExecute=yes. Exits 77 when the kernel lacks it."""

import ctypes
import os
import sys

PR_SET_MDWE = 65
PR_MDWE_REFUSE_EXEC_GAIN = 1

if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
    sys.exit(77)
os.execv(sys.argv[1], sys.argv[1:])
