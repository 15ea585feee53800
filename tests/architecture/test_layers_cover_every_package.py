"""Every package of the service has a place in the layers of the module contract, so none escapes its checks."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _layered_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    return {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}


def test_every_network_package_is_in_a_layer() -> None:
    packages = {f"network.{p.name}" for p in (ROOT / "network").iterdir() if (p / "__init__.py").exists()}
    modules = {f"network.{p.stem}" for p in (ROOT / "network").glob("*.py") if p.stem != "__init__"}
    missing = sorted((packages | modules) - _layered_modules())
    assert not missing, f"add these to a layer of [tool.importlinter] in pyproject.toml: {missing}"
