"""Environment files derived from environments/lab.yaml: N sites with their own names and
addresses, spread over groups, so benchmarks render realistic, distinct sites."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]


def write_variants(folder: Path, count: int, groups: int = 10) -> list[Path]:
    yaml = YAML(typ="rt")
    base = yaml.load((ROOT / "environments" / "lab.yaml").read_text())
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        data = yaml.load(_dump(yaml, base))
        a, b = divmod(i, 250)
        data["title"] = f"Site {i:03d}"
        data["group"] = f"Region {i % groups:02d}"
        for key in ("domain_controller", "witness"):
            data[key]["name"] = f"S{i:03d}{key[:3].upper()}"
        data["domain_controller"]["address"] = f"10.{a}.{b}.10"
        data["witness"]["address"] = f"10.{a}.{b}.11"
        for n, node in enumerate(data["nodes"], start=1):
            node["name"] = f"S{i:03d}NODE{n}"
            node["public"]["address"] = f"10.{a}.{b}.{20 + n}/24"
            node["public"]["gateway"] = f"10.{a}.{b}.1"
            node["public"]["dns_servers"] = [f"10.{a}.{b}.10"]
            node["private"]["address"] = f"172.{16 + a}.{b}.{n}/24"
            if node["private"].get("replication_host_name"):
                node["private"]["replication_host_name"] = {"name": f"S{i:03d}N{n}REPL",
                                                            "address": f"172.{16 + a}.{b}.{10 + n}"}
        data["cluster"]["name"] = f"S{i:03d}CLUS"
        data["cluster"]["address"] = f"10.{a}.{b}.20"
        data["exchange"]["cms"] = {"name": f"S{i:03d}CMS", "address": f"10.{a}.{b}.30"}
        path = folder / f"site{i:03d}.yaml"
        path.write_text(_dump(yaml, data))
        paths.append(path)
    return paths


def _dump(yaml: YAML, data) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
