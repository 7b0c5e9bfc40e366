#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Host side of selftests/guest/display.sh.

  screendump.py dump SOCKET PPM   ask QEMU's HMP monitor (unix socket) for a
                                  screendump into PPM, wait until it is
                                  whole, then quit QEMU
  screendump.py check PPM PNG     compare the PPM with the picture the L2
                                  guest draws (guest_display.c) pixel for
                                  pixel, and save it as PNG

Exit status 0 on success; diagnostics go to stdout prefixed with '# '.
"""
import os
import socket
import struct
import sys
import time
import zlib

W, H = 640, 480


def pixel(x, y):
    """The L2 guest's picture, as guest_display.c draws it."""
    r = x * 255 // (W - 1)
    g = y * 255 // (H - 1)
    b = 0xff if (x // 32 + y // 32) % 2 else 0x40
    return r, g, b


def hmp(sock, cmd, timeout=120):
    """Send one HMP command and read up to the next prompt."""
    sock.sendall(cmd.encode() + b"\n")
    out = b""
    end = time.time() + timeout
    while b"(qemu)" not in out.split(cmd.encode(), 1)[-1] and time.time() < end:
        try:
            data = sock.recv(4096)
        except socket.timeout:
            continue
        if not data:
            break
        out += data
    return out.decode(errors="replace")


def read_ppm(path):
    """(width, height, RGB bytes) of a binary PPM, or None if incomplete."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while pos < len(data) and data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        start = pos
        while pos < len(data) and not data[pos:pos + 1].isspace():
            pos += 1
        if start == pos:
            return None
        fields.append(data[start:pos])
    if fields[0] != b"P6" or int(fields[3]) != 255:
        return None
    w, h = int(fields[1]), int(fields[2])
    pix = data[pos + 1:pos + 1 + w * h * 3]
    return (w, h, pix) if len(pix) == w * h * 3 else None


def dump(sock_path, ppm):
    if os.path.exists(ppm):
        os.unlink(ppm)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    s.connect(sock_path)
    hmp(s, "info version")
    hmp(s, "screendump " + ppm)
    end = time.time() + 120
    whole = None
    while time.time() < end and not whole:
        if os.path.exists(ppm):
            whole = read_ppm(ppm)
        if not whole:
            time.sleep(0.5)
    try:
        s.sendall(b"quit\n")
    except OSError:
        pass
    s.close()
    if not whole:
        print("# no complete screendump in " + ppm)
        return 1
    print("# screendump %dx%d in %s" % (whole[0], whole[1], ppm))
    return 0


def write_png(path, w, h, rgb):
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))

    rows = b"".join(b"\0" + rgb[y * w * 3:(y + 1) * w * 3] for y in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(rows, 9)))
        f.write(chunk(b"IEND", b""))


def check(ppm, png):
    got = read_ppm(ppm)
    if not got:
        print("# %s is not a whole PPM" % ppm)
        return 1
    w, h, pix = got
    write_png(png, w, h, pix)
    print("# saved %s (%dx%d)" % (png, w, h))
    if (w, h) != (W, H):
        print("# size %dx%d, expected %dx%d" % (w, h, W, H))
        return 1
    bad, first = 0, None
    for y in range(H):
        for x in range(W):
            i = (y * W + x) * 3
            if tuple(pix[i:i + 3]) != pixel(x, y):
                bad += 1
                if first is None:
                    first = (x, y, tuple(pix[i:i + 3]), pixel(x, y))
    if bad:
        print("# %d pixels differ; first at %d,%d: %s, expected %s" % ((bad,) + first))
        return 1
    print("# all %d pixels match the guest's picture" % (W * H))
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "dump":
        return dump(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "check":
        return check(argv[2], argv[3])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
