"""Is a database file on a network share?

SQLite's WAL mode keeps its index in shared memory, which works only between
processes on one computer: a file on a network share opened from two computers
can be corrupted. A UNC path (``\\\\server\\share\\…``), a mapped network drive
on Windows, and an NFS/SMB/CIFS mount on Linux all count as network shares; the
app warns and points to team mode on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

DRIVE_REMOTE = 4  # GetDriveTypeW: a network drive
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "ncpfs", "afs", "9p", "davfs", "fuse.davfs2",
    "fuse.sshfs", "sshfs", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph", "lustre", "gpfs",
    "fuse.rclone", "fuse.smbnetfs",
})
_UNC = re.compile(r"^[\\/]{2}(?![?.][\\/])[^\\/]+[\\/]+[^\\/]+")  # \\server\share, not \\?\ or \\.\
_LONG_UNC = re.compile(r"^[\\/]{2}\?[\\/]UNC[\\/]", re.IGNORECASE)  # \\?\UNC\server\share


def is_unc(path: str) -> bool:
    """``\\\\server\\share\\…`` (also with forward slashes, or as ``\\\\?\\UNC\\…``)."""
    return bool(_UNC.match(path) or _LONG_UNC.match(path))


def _windows_drive_type(root: str) -> int:
    if sys.platform != "win32":
        raise OSError("drive types exist on Windows only")
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))


def mapped_network_drive(path: str, drive_type: Callable[[str], int] | None = None) -> str | None:
    """``Z:`` when ``path`` lies on a drive letter mapped to a network share (Windows)."""
    drive = re.match(r"^([A-Za-z]:)", path)
    if not drive:
        return None
    kind = (drive_type or _windows_drive_type)(drive.group(1) + "\\")
    return drive.group(1).upper() if kind == DRIVE_REMOTE else None


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def mount_table(text: str | None = None) -> list[tuple[str, str]]:
    """(mount point, file system type) of every mount (Linux /proc/self/mounts)."""
    if text is None:
        try:
            text = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
    table = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            table.append((_unescape_mount(fields[1]), fields[2]))
    return table


def filesystem_type(path: str, mounts: list[tuple[str, str]]) -> str | None:
    """The type of the file system ``path`` lies on: the longest mount point above it."""
    target = Path(os.path.abspath(path))
    with contextlib.suppress(OSError):
        target = target.resolve()
    best, best_len = None, -1
    for point, fstype in mounts:
        mount = Path(point)
        if (target == mount or mount in target.parents) and len(mount.parts) > best_len:
            best, best_len = fstype, len(mount.parts)
    return best


def network_location(path: str, *, windows: bool | None = None,
                     drive_type: Callable[[str], int] | None = None,
                     mounts: list[tuple[str, str]] | None = None) -> str | None:
    """How ``path`` is on the network ("UNC", "Z:", "nfs4", "cifs" …), or None if local.

    ``windows``/``drive_type``/``mounts`` default to this computer's.
    """
    if path in ("", ":memory:"):
        return None
    if is_unc(path):
        return "UNC"
    if windows if windows is not None else os.name == "nt":
        return mapped_network_drive(os.path.abspath(path) if os.name == "nt" else path, drive_type)
    fstype = filesystem_type(path, mount_table() if mounts is None else mounts)
    return fstype if fstype and fstype.lower() in NETWORK_FILESYSTEMS else None
