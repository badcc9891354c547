"""wa_rules.py - WhatsApp's rules for an animated sticker, checked on what
`stickerkit info --json` and the convert report say of one output; shared
by the CLI cases that convert animations for WhatsApp (wa-corpus.sh,
convert/whatsapp-animated.sh), which add the checks of their own layout."""
from functools import reduce
from math import gcd


def animated_checks(info, rep):
    """Rule name -> whether the output keeps it."""
    d = info["frame_durations_ms"]
    return {
        "512x512 WebP": (info["format"], info["width"], info["height"]) == ("webp", 512, 512),
        "animated": info["frames"] > 1,
        "frames >= 8 ms": min(d) >= 8,
        "one rate, holds whole steps": max(d) - min(d) <= 1 or reduce(gcd, d) >= 33,
        "<= 10 s": info["duration_ms"] <= 10000,
        "<= 500,000 B": info["bytes"] <= 500000,
        "report agrees": rep["fits"] and rep["bytes"] == info["bytes"]
                         and rep["budget"] == 500000,
    }
