"""A real plugin package, installed with pip, registers its rule through the
``newsclean.rules`` entry-point group (no registry patching)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGIN = Path(__file__).parent / "fixtures" / "plugin"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    src = tmp_path_factory.mktemp("src") / "plugin"
    shutil.copytree(PLUGIN, src)  # build outside the source tree
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(src),
        ],
        capture_output=True,
        text=True,
        cwd=src,
    )
    assert proc.returncode == 0, proc.stderr
    assert list(target.glob("newsclean_hashtags-*.dist-info")), "pip installed no package metadata"
    return target


def _run(plugin_path: Path, code: str) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(plugin_path), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_installed_plugin_rule_is_registered_and_runs(plugin_path):
    result = _run(
        plugin_path,
        """
        import json, newsclean
        from newsclean.registry import get_rule
        rule = get_rule("X101")
        text = "The vote is on Sunday.\\n#vote #election\\nPolls open at eight.\\n"
        ex = newsclean.explain(text)
        print(json.dumps({
            "name": rule.name,
            "codes": [r.code for r in newsclean.all_rules()],
            "text": ex.text,
            "removals": [[r.code, r.name, r.evidence] for r in ex.removals],
            "ignored": newsclean.clean(text, ignore=["X"]),
            "selected": newsclean.clean(text, select=["lone-hashtags"]),
            "examples": [bool(newsclean.explain(e, select=["X101"]).removals) for e in rule.examples_remove]
                      + [not newsclean.explain(e, select=["X101"]).removals for e in rule.examples_keep],
        }))
        """,
    )
    assert result["name"] == "lone-hashtags"
    assert "X101" in result["codes"] and "A101" in result["codes"]
    assert result["text"] == "The vote is on Sunday.\nPolls open at eight.\n"
    assert result["removals"] == [["X101", "lone-hashtags", "every word is a hashtag"]]
    assert result["ignored"] == "The vote is on Sunday.\n#vote #election\nPolls open at eight.\n"
    assert result["selected"] == "The vote is on Sunday.\nPolls open at eight.\n"
    assert all(result["examples"])


def test_without_the_plugin_the_rule_is_absent():
    import newsclean

    assert "X101" not in {r.code for r in newsclean.all_rules()}
