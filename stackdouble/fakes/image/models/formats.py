"""What Glance's upload checks of the data's format: oslo.utils' `format_inspector` as
`glance/location.py` (`ImageProxy.set_data`) applies it.

For a `bare` container, Glance inspects the bytes as they stream to the store. With
`[image_format] require_image_format_match = True` (the default) an image whose data is
not of its `disk_format` is refused with 415 "Image disk_format qcow2 does not match
stream data raw", with two exceptions: data nothing recognises (`raw`) is accepted for
formats the inspector does not know (`ami`, `ari`, `aki`, `ploop`), and a `raw` image takes
any data. A recognised format must also pass its safety checks (a qcow2 with a backing file
or an external data file, or any QED, is refused with "Image failed safety checks"), and the
image's `virtual_size` is what the header says.

The fake recognises formats by the same magic numbers, in the same places, from the first
`HEAD_SIZE` bytes: qcow2 (`QFI\\xfb`, needs 512 bytes), QED, VHD (`conectix`), VHDX
(`vhdxfile`), VMDK (`KDMV`), VDI, ISO (`CD001` at 32 KiB + 1), GPT (an MBR signature not
on a FAT boot sector) and LUKS. It reads `virtual_size` for raw, qcow2, VHD and VDI; for
VHDX, VMDK and ISO it leaves it unset (Glance walks their metadata). GPT's partition-table
checks and VMDK's descriptor checks are not modelled.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

__all__ = ["HEAD_SIZE", "INSPECTED_FORMATS", "FormatVerdict", "inspect"]

#: How much of the start of the data the checks read (ISO's header ends at 34 KiB).
HEAD_SIZE = 34 * 1024
#: `format_inspector.ALL_FORMATS`: the disk formats the inspector knows.
INSPECTED_FORMATS = frozenset({"raw", "qcow2", "vhd", "vhdx", "vmdk", "vdi", "qed", "iso",
                               "gpt", "luks"})


@dataclass(frozen=True, slots=True)
class FormatVerdict:
    """The outcome of the inspection.

    Attributes:
        error: Why the data is refused (Glance's `InvalidImageData` text), or None.
        virtual_size: The size the format's header gives, or None when not known.
    """

    error: str | None
    virtual_size: int | None


def _matches(head: bytes) -> list[str]:
    found: list[str] = []
    full = len(head) >= 512
    if full and head.startswith(b"QFI\xfb"):
        found.append("qcow2")
    if full and head.startswith(b"QED\x00"):
        found.append("qed")
    if head.startswith(b"conectix"):
        found.append("vhd")
    if head.startswith(b"vhdxfile"):
        found.append("vhdx")
    if head.startswith(b"KDMV"):
        found.append("vmdk")
    if full and head[0x40:0x44] == struct.pack("<I", 0xBEDA107F):
        found.append("vdi")
    if len(head) >= HEAD_SIZE and head[32 * 1024 + 1:32 * 1024 + 6] in (b"CD001", b"NSR02",
                                                                       b"NSR03"):
        found.append("iso")
    if full and head[510:512] == b"\x55\xaa" and not (head[0x10] == 2 and head[0x15] == 0xF8):
        found.append("gpt")
    if head[:6] == b"LUKS\xba\xbe":
        found.append("luks")
    return found


def _qcow2_problem(head: bytes) -> str | None:
    version, = struct.unpack(">I", head[4:8])
    backing, = struct.unpack(">Q", head[8:16])
    if backing:
        return "backing file"
    if version not in (2, 3):
        return "version"
    if version == 3:
        features = head[0x48:0x50]
        if features[7] & 0x04:
            return "data file"
        if any(features[:7]) or features[7] & ~0x0F & 0xFF:
            return "unknown features"
    return None


def _virtual_size(fmt: str, head: bytes, size: int) -> int | None:
    if fmt == "raw":
        return size
    if fmt == "qcow2":
        return int(struct.unpack(">Q", head[24:32])[0])
    if fmt == "vhd" and len(head) >= 48:
        return int(struct.unpack(">Q", head[40:48])[0])
    if fmt == "vdi" and len(head) >= 0x178:
        return int(struct.unpack("<Q", head[0x170:0x178])[0])
    return None


def inspect(disk_format: str | None, head: bytes, size: int) -> FormatVerdict:
    """Glance's verdict on data starting with `head` (at most `HEAD_SIZE` bytes are read)
    and `size` bytes long, for an image of `disk_format` in a `bare` container.

    Example:
        >>> inspect("qcow2", b"\\0" * 600, 600).error
        'Image disk_format qcow2 does not match stream data raw'
        >>> inspect("raw", b"\\0" * 600, 600)
        FormatVerdict(error=None, virtual_size=600)
        >>> inspect("ami", b"anything", 8)
        FormatVerdict(error=None, virtual_size=None)
    """
    head = head[:HEAD_SIZE]
    matches = _matches(head)
    if set(matches) == {"iso", "gpt"}:
        matches = ["iso"]
    if len(matches) > 1:
        return FormatVerdict(f"Multiple formats detected: {','.join(matches)}", None)
    found = matches[0] if matches else "raw"
    virtual: int | None = None
    if found == disk_format:
        virtual = _virtual_size(found, head, size)
    elif found == "raw" and disk_format not in INSPECTED_FORMATS:
        virtual = None
    elif disk_format == "raw":
        virtual = size
    else:
        return FormatVerdict(f"Image disk_format {disk_format} does not match stream data "
                             f"{found}", None)
    if found == "qed" or (found == "qcow2" and _qcow2_problem(head) is not None):
        return FormatVerdict("Image failed safety checks", None)
    return FormatVerdict(None, virtual or None)
