"""Shared fixtures. Core tests build small objects by hand; model-backed tests share one analysed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLE = ROOT / "corpus" / "sample"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the project")
    return SEEDS


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def analyzed_sample(tmp_path_factory: pytest.TempPathFactory):
    """The sample corpus analysed once per test session: (AnalyzeResult, out_dir)."""
    import parallax

    out = tmp_path_factory.mktemp("sample-report")
    return parallax.analyze([SAMPLE], out=out), out


@pytest.fixture(scope="session")
def analyzed_seeds(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path):
    import parallax

    out = tmp_path_factory.mktemp("seeds-report")
    return parallax.analyze([seeds_dir], out=out), out


@pytest.fixture()
def fragile_claims(monkeypatch: pytest.MonkeyPatch):
    """The claims stage raises on any text holding MARKER, as a real stage trips on one odd input.

    Yields a function that puts the real code back (a fix, as a later release would bring).
    """
    from parallax.annotate import claims

    real = claims.find_numbers

    def fragile(text: str, *args: object, **kwargs: object) -> list[dict[str, object]]:
        if "MARKER" in text:
            raise ValueError("could not convert string to float: '18.104.10'")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(claims, "find_numbers", fragile)
    yield lambda: monkeypatch.setattr(claims, "find_numbers", real)
