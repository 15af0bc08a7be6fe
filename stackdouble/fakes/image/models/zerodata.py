"""`ZeroData`: image data made of zeros whose digests need not be computed, for the
volumes the fake Cinder uploads (its volumes hold no data: read back, they are zeros).

A raw upload of a volume is the volume's whole size: a gibibyte or more. Hashing that much
costs seconds (md5 and sha512 run at ~200 MB/s on the machines this runs on), so the
digests of whole gibibytes of zeros, the sizes Cinder's volumes have, are precomputed
below; other sizes are hashed as they are read, 64 KiB at a time, never held.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from stackdouble.fakes.image.models._common import HASH_ALGO

__all__ = ["ZERO_DIGESTS", "ZeroData"]

_GiB = 1024**3
_ZEROS = bytes(65536)

#: `(md5, sha512)` of n GiB of zeros, by n (computed once with hashlib).
ZERO_DIGESTS: Mapping[int, tuple[str, str]] = MappingProxyType({
    1: ("cd573cfaace07e7949bc0c46028904ff",
        "c5041ae163cf0f65600acfe7f6a63f212101687d41a57a4e18ffd2a07a452cd8"
        "175b8f5a4868dd2330bfe5ae123f18216bdbc9e0f80d131e64b94913a7b40bb5"),
    2: ("a981130cf2b7e09f4686dc273cf7187e",
        "0414cac598ebfa08e8e9c6d2544aa414385b9985c5d67d7a8746aa64324c715f"
        "a96ff63351016d30dd2b89276252c121c71619f15496b5ca95785d0b25fe4dfd"),
    3: ("c698c87fb53058d493492b61f4c74189",
        "bf554a61551d250585ecfe6c82b14a3e26594311f27d433280768d9d4bcd8dad"
        "dbd180a661100b1dd2437d996696ee333308c19b8a519bbacc49e97b5f101648"),
    4: ("c9a5a6878d97b48cc965c1e41859f034",
        "43b5c6f434f71daae80a502212dc8c0e9e52d8b075d589afa430092eaf2d7f96"
        "0cb097cb5ec656cdeaf87d5a9e61fa8e81665b07f40665fd8b09b6aeccb7f02f"),
    5: ("ec4bcc8776ea04479b786e063a9ace45",
        "e4f21997407b9cb0df347f6eba2feaeb14c19f15cf784da06b78e1d5ff776a41"
        "9535c894dea10a859fa72bcb234e94ada0fc86de0ff127bf9280eede8d473edb"),
    6: ("58cf638a733f919007b4287cf5396d0c",
        "ae875937efcd9eece6b2d5bbed67bdbd84e46542ace45ff6f7a53280aa1960de"
        "9d960c6f9c4998a7e40ca8af54a47f40df9864bf9057d0e757495b6613e6f714"),
    7: ("dfdcdbc08706a7631800d1a173e784fc",
        "320166fcf0fdc2ddadd88f3f589996f530e755f654aa13aaa4399d1446125e60"
        "1b89313821f5672fca461b70f5f873f11fa284bea6ac39550762b9e1274a0a57"),
    8: ("b770351fadae5a96bbaf9702ed97d28d",
        "ccc18b08e3c705a8ebced1c1935e8169a295d9b0479e68421c5b6ac9049e927a"
        "79a7c6c694f7ec249a977aff3f756a307ccb66239e58c60deb2d964ed21b2653"),
    9: ("97606009c3309d3a0b4b40ae9fadc720",
        "6c225909893e094e62edfa1e510adfe1e8c6af63ad9dc9b04855265056ea0c7d"
        "c8299a36b7678430c44d28ca70bf58584e205b9eda66f0b4b0b7f2375a886e02"),
    10: ("2dd26c4d4799ebd29fa31e48d49e8e53",
        "0a9ed4396868700784918a83a595845d70e582eb0e625c48ace24f4ee94e7052"
        "47e210339c5f5a55e597f00d2c3217b0c0797e1bfc617161e00de96eaee2d068"),
    11: ("b4c7ed8e8b230e4a6d41ebd8e9eaefa4",
        "e6d44aebc9ccfdc4c7bb2d21aaa35c4dde1f093d76b02aad6beb5fbf347161c1"
        "733cf7c67d8dcb4480477431866b768181cad343fde1488c784fe8b38784c5af"),
    12: ("85330bbabd03c71169b3d14ce1ae1dff",
        "3a3947ce624bd1e2663df75b061c473cd7b695c869c46a8e69a31238dc9e910c"
        "eacb801c03966379d0268b3829a29c29fe7dd14dc970bb5c35106d40e84cee8d"),
    13: ("6890bb217e1ac13538924834cbc26178",
        "e0f9dcd20a182565cd644021354b5bcf309bed3b00f8e5d1b2cbd3eb873e1d19"
        "c4bf95a24adc96f8636a1f8cd97b51202f5dc30da19180313fbefde8a5f66e95"),
    14: ("9bacd7682ac03e217826a432d97138eb",
        "4511920a4c645b1660c370ee95c07c0e3bd97540e8e1601f71cb169409c5fae9"
        "5fb4aafcfda1c3be2a46618b3a872ae32eab05803ff1dab1ea999045db7ec5dc"),
    15: ("ecbf1d9d6ab5abf0db82ab772e44d3ff",
        "608bb9ebf283dc5db30901f5a6dcca02243d468a87bee90a91176260bda171b3"
        "c6de9e23b31fdeb6cbd14630b1814b94e8f1348b7bb3941c54679ea780386cc2"),
    16: ("746faecedf11a111dbad89b79e5ce1f3",
        "0dba8aa131293f0c97313b7a74edcbeb00d42e01ec45d26695b0111239b3882d"
        "a1cda9ec345f91b8e67ec3d3b7edba8868ba7be6ed9d84ffde076cebf911b5d3"),
})


@dataclass(frozen=True, slots=True)
class ZeroData:
    """`size` zero bytes, made as they are read (a `Blob`)."""

    size: int

    def read(self, offset: int = 0, length: int | None = None) -> Iterator[bytes]:
        """The bytes from `offset`, at most `length` of them, 64 KiB at a time."""
        end = self.size if length is None else min(self.size, offset + length)
        pos = offset
        while pos < end:
            step = min(len(_ZEROS), end - pos)
            yield _ZEROS if step == len(_ZEROS) else _ZEROS[:step]
            pos += step

    def digests(self) -> tuple[str, str]:
        """`(checksum, os_hash_value)`: the md5 and the sha512 of the data.

        Example:
            >>> ZeroData(3).digests()[0] == hashlib.md5(bytes(3)).hexdigest()
            True
        """
        whole, rest = divmod(self.size, _GiB)
        if not rest and whole in ZERO_DIGESTS:
            return ZERO_DIGESTS[whole]
        md5 = hashlib.md5(usedforsecurity=False)
        digest = hashlib.new(HASH_ALGO)
        for chunk in self.read():
            md5.update(chunk)
            digest.update(chunk)
        return md5.hexdigest(), digest.hexdigest()
