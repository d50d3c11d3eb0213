"""The report's PNG encoder: lossless RGB, readable by any decoder (Pillow here)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from trakt_analysis.report._html import png_rgb


def _decoded(data: bytes) -> tuple[str, np.ndarray]:
    image = Image.open(io.BytesIO(data))
    return image.mode, np.asarray(image)


def test_a_two_pixel_image_reads_back_as_written():
    rgb = np.array([[[255, 0, 0], [0, 128, 255]]], dtype=np.uint8)  # 1 row: red, sky blue
    data = png_rgb(rgb)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    mode, pixels = _decoded(data)
    assert mode == "RGB"
    assert pixels.shape == (1, 2, 3)
    assert pixels[0, 0].tolist() == [255, 0, 0]
    assert pixels[0, 1].tolist() == [0, 128, 255]


def test_every_pixel_of_a_noisy_image_survives():
    rgb = np.random.default_rng(28).integers(0, 256, size=(37, 53, 3), dtype=np.uint8)
    mode, pixels = _decoded(png_rgb(rgb))
    assert mode == "RGB"
    assert np.array_equal(pixels, rgb)


def test_a_view_of_an_rgba_buffer_is_encoded_without_its_alpha():
    # figure_img passes the canvas' RGBA buffer with the alpha sliced off (not contiguous).
    rgba = np.zeros((3, 4, 4), dtype=np.uint8)
    rgba[..., 0] = np.arange(12, dtype=np.uint8).reshape(3, 4)
    rgba[..., 3] = 255
    _, pixels = _decoded(png_rgb(rgba[..., :3]))
    assert pixels[..., 0].tolist() == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    assert not pixels[..., 1:].any()
