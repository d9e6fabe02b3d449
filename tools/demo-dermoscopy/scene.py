"""Synthetic dermoscopy-like scenes with counterfactual artifacts.

A scene is rendered once (skin, hairs, one lesion); artifacts are drawn on a
*copy* through an explicit alpha layer, so the image with the artifact and the
image without it are identical outside the returned mask (before any lossy
compression).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = 320
CLASS_NAMES = ("nevus", "melanoma")
ARTIFACTS = ("ruler", "ink", "watermark", "dark_corners")

_FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def _font(size: int, bold: bool = False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = os.path.join(_FONT_DIR, name)
    if os.path.exists(path):
        return ImageFont.truetype(path, size)
    return ImageFont.load_default()  # tiny bitmap font; still a valid artifact


def smooth_noise(rng: np.random.Generator, grid: int, size: int = SIZE, channels: int = 1) -> np.ndarray:
    """Low-frequency noise in [-1, 1]: a small random grid upsampled bicubically.

    Low frequency keeps the images compressible and 'skin-like'."""
    out = np.empty((size, size, channels), np.float32)
    for c in range(channels):
        g = rng.uniform(-1, 1, (grid, grid)).astype(np.float32)
        img = Image.fromarray(g, mode="F").resize((size, size), Image.BICUBIC)
        out[..., c] = np.asarray(img)
    out = np.clip(out, -1.2, 1.2)
    return out[..., 0] if channels == 1 else out


@dataclass
class Scene:
    image: np.ndarray          # HxWx3 uint8, no artifact
    label: int                 # true class (0 nevus, 1 melanoma)
    box: tuple                 # lesion box x1, y1, x2, y2 (pixels, inclusive-exclusive)
    center: tuple              # lesion centre (x, y)
    radius: float              # max lesion radius, used to place ink marks
    severity: float            # latent morphology score in [0, 1] (higher = more melanoma-like)


def sample_severity(rng: np.random.Generator, label: int, overlap: float) -> float:
    """Latent morphology score. `overlap` in [0, 1] pulls both classes towards 0.5,
    making lesion morphology alone less separable."""
    mu = 0.25 if label == 0 else 0.75
    mu = 0.5 + (mu - 0.5) * (1.0 - overlap)
    return float(np.clip(rng.normal(mu, 0.13), 0.0, 1.0))


def render_scene(rng: np.random.Generator, label: int, overlap: float = 0.3) -> Scene:
    H = W = SIZE
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)

    # --- skin: a tone, slow shading, gentle redness blotches --------------------
    tone = np.array([rng.uniform(195, 240), rng.uniform(145, 190), rng.uniform(115, 160)], np.float32)
    img = np.broadcast_to(tone, (H, W, 3)).astype(np.float32)
    img = img * (1.0 + 0.07 * smooth_noise(rng, 4))[..., None]
    img = img * (1.0 + 0.03 * smooth_noise(rng, 12, channels=3))
    red = np.clip(smooth_noise(rng, 6), 0, None)
    img += red[..., None] * np.array([8, -12, -10], np.float32) * rng.uniform(0.3, 1.0)

    # --- lesion morphology driven by one latent severity + per-feature jitter ----
    s = sample_severity(rng, label, overlap)
    def feat():  # each feature sees the severity through its own noise
        return float(np.clip(s + rng.normal(0, 0.12), 0, 1))
    asym, border, varieg, size_f = feat(), feat(), feat(), feat()

    r0 = 26 + 30 * size_f + rng.uniform(-4, 4)
    theta = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    radial = np.ones_like(theta)
    for k in (1, 2, 3):  # low harmonics: asymmetry / elongation
        radial += (0.02 + 0.14 * asym) * rng.uniform(0.3, 1.0) * np.cos(k * theta + rng.uniform(0, 2 * np.pi)) / k ** 0.5
    for k in range(7, 19):  # high harmonics: ragged, notched border
        radial += (0.001 + 0.03 * border ** 2) * rng.uniform(0, 1) * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    rmax = float(r0 * radial.max())
    margin = 40 + rmax  # keep the lesion away from the ruler band at the edges
    cx = rng.uniform(min(margin, W / 2), max(W - margin, W / 2))
    cy = rng.uniform(min(margin, H / 2), max(H - margin, H / 2))

    dx, dy = xx - cx, yy - cy
    dist = np.sqrt(dx * dx + dy * dy)
    ang = np.mod(np.arctan2(dy, dx), 2 * np.pi)
    r_at = r0 * np.interp(ang, theta, radial, period=2 * np.pi)
    edge = 2.5 + 5.0 * (1 - border)  # regular nevi fade out more softly
    alpha = np.clip((r_at - dist) / edge, 0, 1)
    core = np.clip(1 - dist / np.maximum(r_at, 1), 0, 1)

    # --- pigment: nevi fairly uniform brown, melanomas variegated ---------------
    brown = np.array([rng.uniform(120, 160), rng.uniform(75, 100), rng.uniform(45, 70)], np.float32)
    pig = np.broadcast_to(brown, (H, W, 3)).astype(np.float32).copy()
    pig *= (1.0 - 0.25 * core[..., None])  # darker centre
    palette = np.array([[45, 30, 25], [95, 105, 135], [170, 70, 65], [200, 165, 130]], np.float32)
    for col in palette:
        blob = np.clip(smooth_noise(rng, 7) * 1.6 - 0.6 + 0.9 * varieg - 0.3, 0, 1) * (varieg ** 1.5)
        pig = pig * (1 - blob[..., None]) + col * blob[..., None]
    pig *= (1.0 + 0.06 * smooth_noise(rng, 16))[..., None]
    img = img * (1 - alpha[..., None]) + pig * alpha[..., None]

    # --- hairs: dark thin quadratic curves (part of the scene, not an artifact) ---
    n_hair = int(rng.integers(0, 7))
    if n_hair:
        hm = Image.new("L", (W * 2, H * 2), 0)
        d = ImageDraw.Draw(hm)
        for _ in range(n_hair):
            p0 = rng.uniform(-20, W + 20, 2)
            a = rng.uniform(0, 2 * np.pi)
            L = rng.uniform(80, 300)
            p2 = p0 + L * np.array([np.cos(a), np.sin(a)])
            p1 = (p0 + p2) / 2 + rng.normal(0, 25, 2)
            t = np.linspace(0, 1, 40)[:, None]
            pts = ((1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t ** 2 * p2) * 2
            d.line([tuple(p) for p in pts], fill=int(rng.uniform(170, 240)), width=int(rng.integers(2, 4)))
        hm = hm.filter(ImageFilter.GaussianBlur(0.8)).resize((W, H), Image.BILINEAR)
        ha = np.asarray(hm, np.float32)[..., None] / 255.0
        hair_col = np.array([50, 35, 28], np.float32) * rng.uniform(0.6, 1.2)
        img = img * (1 - ha) + hair_col * ha

    image = np.clip(np.round(img), 0, 255).astype(np.uint8)
    ys, xs = np.nonzero(alpha > 0.5)
    box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    return Scene(image, label, box, (float(cx), float(cy)), rmax, s)


# ----------------------------------------------------------------------------
# Artifacts: each returns (rgb layer HxWx3 float, alpha HxW float in [0,1]).
# ----------------------------------------------------------------------------

def _ruler_layer(rng, scene):
    """Plastic ruler along a random edge: pale band, tick marks, digits."""
    band = int(rng.integers(24, 34))
    length = SIZE
    start = int(rng.integers(0, 60))
    stop = int(length - rng.integers(0, 60))
    lay = Image.new("RGBA", (length, band), (0, 0, 0, 0))
    d = ImageDraw.Draw(lay)
    bg = tuple(int(v) for v in rng.uniform([225, 220, 195], [250, 248, 235])) + (int(rng.uniform(150, 215)),)
    d.rectangle([start, 0, stop, band - 1], fill=bg)
    step = float(rng.uniform(6.5, 9.5))  # pixels per mm
    ink = (20, 20, 25, 255)
    font = _font(max(8, band // 3))
    x, i = start + 3.0, 0
    while x < stop - 2:
        L = band * (0.55 if i % 10 == 0 else 0.40 if i % 5 == 0 else 0.25)
        d.line([(int(x), 0), (int(x), int(L))], fill=ink, width=1)
        if i % 10 == 0 and x + 12 < stop:
            d.text((int(x) + 2, int(band * 0.55)), str(i // 10), fill=ink, font=font)
        x += step
        i += 1
    a = np.asarray(lay, np.float32)
    side = int(rng.integers(0, 4))  # 0 top, 1 bottom, 2 left, 3 right
    full = np.zeros((SIZE, SIZE, 4), np.float32)
    if side in (0, 1):
        blk = a if side == 0 else a[::-1, ::-1]
        if side == 0:
            full[:band] = blk
        else:
            full[SIZE - band:] = blk
    else:
        blk = np.transpose(a, (1, 0, 2))  # vertical ruler
        if side == 2:
            full[:, :band] = blk
        else:
            full[:, SIZE - band:] = blk[::-1, ::-1]
    return full[..., :3], full[..., 3] / 255.0


def _ink_layer(rng, scene):
    """Violet surgical-pen marks around the lesion: arcs, dots, short strokes."""
    lay = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(lay)
    col = tuple(int(v) for v in rng.uniform([95, 35, 120], [140, 70, 185])) + (int(rng.uniform(170, 235)),)
    cx, cy = scene.center
    R = scene.radius + rng.uniform(8, 20)
    w = int(rng.integers(2, 5))
    n = int(rng.integers(2, 5))
    for _ in range(n):
        kind = rng.integers(0, 3)
        a0 = rng.uniform(0, 360)
        if kind == 0:  # arc around the lesion
            d.arc([cx - R, cy - R, cx + R, cy + R], a0, a0 + rng.uniform(30, 110), fill=col, width=w)
        elif kind == 1:  # dot
            px, py = cx + R * math.cos(math.radians(a0)), cy + R * math.sin(math.radians(a0))
            rr = rng.uniform(2.5, 5)
            d.ellipse([px - rr, py - rr, px + rr, py + rr], fill=col)
        else:  # short radial stroke
            r1, r2 = R, R + rng.uniform(10, 25)
            c, s_ = math.cos(math.radians(a0)), math.sin(math.radians(a0))
            d.line([(cx + r1 * c, cy + r1 * s_), (cx + r2 * c, cy + r2 * s_)], fill=col, width=w)
    lay = lay.filter(ImageFilter.GaussianBlur(0.6))  # felt-tip softness
    a = np.asarray(lay, np.float32)
    return a[..., :3], a[..., 3] / 255.0


_WATERMARKS = ("DERMACLINIC", "SAMPLE", "(c) SkinLab", "CONFIDENTIAL", "DermView Pro", "TELEDERM")


def _watermark_layer(rng, scene):
    """Semi-transparent text, possibly across the lesion, as image hosts add."""
    text = _WATERMARKS[int(rng.integers(0, len(_WATERMARKS)))]
    font = _font(int(rng.integers(22, 36)), bold=True)
    lay = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(lay)
    bbox = d.textbbox((0, 0), text, font=font)
    tw, th = bbox[2] - bbox[0], bbox[3] - bbox[1]
    x = rng.uniform(5, max(6, SIZE - tw - 5))
    y = rng.uniform(5, max(6, SIZE - th - 5))
    shade = int(rng.choice([250, 30]))
    d.text((x, y), text, fill=(shade, shade, shade, int(rng.uniform(70, 120))), font=font)
    a = np.asarray(lay, np.float32)
    return a[..., :3], a[..., 3] / 255.0


def _dark_corners_layer(rng, scene):
    """Dermatoscope vignette: black fading in beyond a circle."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    c = SIZE / 2 + rng.uniform(-10, 10, 2)
    d = np.sqrt((xx - c[0]) ** 2 + (yy - c[1]) ** 2)
    r_in = rng.uniform(0.62, 0.75) * SIZE / 2 * math.sqrt(2) * 0.85
    soft = rng.uniform(20, 45)
    a = np.clip((d - r_in) / soft, 0, 1) ** 1.3 * rng.uniform(0.85, 1.0)
    return np.zeros((SIZE, SIZE, 3), np.float32), a.astype(np.float32)


_LAYERS = {"ruler": _ruler_layer, "ink": _ink_layer, "watermark": _watermark_layer,
           "dark_corners": _dark_corners_layer}


def add_artifact(image: np.ndarray, kind: str, rng: np.random.Generator, scene: Scene):
    """Return (copy of image with the artifact, mask uint8 255/0).

    Pixels outside the mask are copied bit-for-bit from `image`."""
    rgb, alpha = _LAYERS[kind](rng, scene)
    blended = np.round(image.astype(np.float32) * (1 - alpha[..., None]) + rgb * alpha[..., None])
    blended = np.clip(blended, 0, 255).astype(np.uint8)
    # exact mask: where the layer is present and actually changes a pixel
    mask = (alpha > 0) & np.any(blended != image, axis=-1)
    out = image.copy()
    out[mask] = blended[mask]
    return out, (mask.astype(np.uint8) * 255)
