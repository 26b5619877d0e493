"""A database on a network share is recognised: UNC paths, mapped network drives
(Windows), NFS/SMB/CIFS mounts (Linux). The drive type and the mount table are
the only stand-ins: they are what the operating system would answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from gendan_desktop.core.network_share import (
    DRIVE_REMOTE,
    filesystem_type,
    is_unc,
    mapped_network_drive,
    mount_table,
    network_location,
)

DRIVE_FIXED = 3

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
server:/export/gendan /mnt/team nfs4 rw,relatime,vers=4.2 0 0
//nas/共享/跟单\\040数据 /mnt/nas\\040share cifs rw,relatime,vers=3.1.1 0 0
/dev/vdb /mnt/team/local-cache ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize("path", [
    r"\\server\share\gendan.sqlite3",
    r"\\192.168.1.20\财务\跟单 数据\gendan.sqlite3",
    "//server/share/gendan.sqlite3",
    r"\\?\UNC\server\share\gendan.sqlite3",
])
def test_unc_paths_are_network_shares(path):
    assert is_unc(path)
    assert network_location(path, windows=True, drive_type=lambda root: DRIVE_FIXED) == "UNC"
    assert network_location(path, windows=False, mounts=[]) == "UNC"


@pytest.mark.parametrize("path", [
    r"C:\Users\张三\AppData\Local\GendanDesktop\gendan.sqlite3",
    r"\\?\C:\很长的路径\gendan.sqlite3",  # a long local path, not a share
    r"\\.\PhysicalDrive0",
    "/home/zhang/gendan.sqlite3",
    r"\\server",  # a server without a share is no path to a file
])
def test_local_paths_are_not_unc(path):
    assert not is_unc(path)


def test_a_mapped_network_drive_is_recognised_by_its_drive_type():
    asked = []

    def drive_type(root):
        asked.append(root)
        return DRIVE_REMOTE if root.upper() == "Z:\\" else DRIVE_FIXED

    assert mapped_network_drive(r"z:\跟单\gendan.sqlite3", drive_type) == "Z:"
    assert network_location(r"Z:\跟单 数据\gendan.sqlite3", windows=True, drive_type=drive_type) == "Z:"
    assert network_location(r"C:\跟单\gendan.sqlite3", windows=True, drive_type=drive_type) is None
    assert asked[0] == "z:\\"


def test_linux_mounts_by_file_system_type():
    mounts = mount_table(MOUNTS)
    assert ("/mnt/nas share", "cifs") in mounts  # \040 in /proc/mounts is a space
    assert network_location("/mnt/team/gendan.sqlite3", windows=False, mounts=mounts) == "nfs4"
    assert network_location("/mnt/nas share/跟单/gendan.sqlite3", windows=False, mounts=mounts) == "cifs"
    assert network_location("/mnt/team", windows=False, mounts=mounts) == "nfs4"  # the mount point itself
    # a local disk mounted inside the share: the longest mount point decides
    assert network_location("/mnt/team/local-cache/gendan.sqlite3", windows=False, mounts=mounts) is None
    assert network_location("/home/zhang/gendan.sqlite3", windows=False, mounts=mounts) is None
    assert network_location("/mnt/teamwork/gendan.sqlite3", windows=False, mounts=mounts) is None  # not a prefix
    assert network_location(":memory:", windows=False, mounts=mounts) is None
    assert filesystem_type("/tmp/x.sqlite3", mounts) == "tmpfs"


@pytest.mark.skipif(not Path("/proc/self/mounts").exists(), reason="no /proc mount table on this system")
def test_this_computers_own_mount_table_is_read(tmp_path):
    table = mount_table()
    assert any(point == "/" for point, _ in table)
    assert network_location(str(tmp_path / "gendan.sqlite3"), windows=False) is None  # pytest's tmp is local
