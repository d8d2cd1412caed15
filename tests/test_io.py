"""The byte-exact I/O layer of the command line: decoding, atomic writes, JSONL.

These call :mod:`newsclean.io` directly on real files; the command line built on it
is tested end to end, in subprocesses, in ``test_cli.py``.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from newsclean import io


# -- decoding -------------------------------------------------------------------------


def test_decode_keeps_line_endings_and_missing_final_newline() -> None:
    data = "one\r\ntwo\rthree\nfour".encode()
    text, bom = io.decode(data, "f.txt")
    assert text == "one\r\ntwo\rthree\nfour"
    assert bom is False
    assert io.encode(text, "f.txt") == data


def test_decode_strips_the_bom_and_encode_puts_it_back() -> None:
    data = b"\xef\xbb\xbfFirst line\n"
    text, bom = io.decode(data, "f.txt")
    assert (text, bom) == ("First line\n", True)
    assert io.encode(text, "f.txt", bom=bom) == data


def test_nul_byte_is_a_binary_file_error_naming_the_file() -> None:
    with pytest.raises(io.InputError) as err:
        io.decode(b"PK\x03\x04\x00\x00", "corpus/archive.txt")
    msg = str(err.value)
    assert msg.startswith("corpus/archive.txt: binary file")
    assert "\n" not in msg


def test_invalid_utf8_names_file_line_and_suggests_encoding() -> None:
    with pytest.raises(io.InputError) as err:
        io.decode(b"ok\nCaf\xe9\n", "latin.txt")
    msg = str(err.value)
    assert msg.startswith("latin.txt: not valid UTF-8")
    assert "0xe9" in msg and "line 2" in msg and "--encoding" in msg


def test_other_encodings_round_trip() -> None:
    data = "Café\r\n".encode("latin-1")
    text, _ = io.decode(data, "f.txt", "iso8859-1")
    assert text == "Café\r\n"
    assert io.encode(text, "f.txt", "iso8859-1") == data


def test_utf16_is_not_mistaken_for_binary() -> None:
    data = "Zürich\n".encode("utf-16")  # has NUL bytes and a BOM
    text, _ = io.decode(data, "f.txt", io.normalize_encoding("UTF16"))
    assert text == "Zürich\n"


def test_unknown_encoding_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        io.normalize_encoding("no-such-encoding")


def test_gzip_round_trip_and_bad_gzip(tmp_path: Path) -> None:
    assert io.gunzip(io.regzip(b"abc\n"), "x.gz") == b"abc\n"
    assert io.regzip(b"abc") == io.regzip(b"abc"), "gzip output must be deterministic"
    with pytest.raises(io.InputError, match=r"^x\.jsonl\.gz: not a valid gzip file"):
        io.gunzip(b"not gzip at all", "x.jsonl.gz")


def test_read_bytes_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(io.InputError, match="no such file"):
        io.read_bytes(str(tmp_path / "missing.txt"))
    with pytest.raises(io.InputError, match="is a directory"):
        io.read_bytes(str(tmp_path))


# -- atomic writes --------------------------------------------------------------------


def test_atomic_write_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old\n")
    f.chmod(0o640)
    inode_before = f.stat().st_ino
    io.atomic_write(str(f), b"new\n")
    assert f.read_bytes() == b"new\n"
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert f.stat().st_ino != inode_before, "the file must be replaced by a rename, not rewritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"], "no temporary file may be left"


def test_atomic_write_follows_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    io.atomic_write(str(link), b"new\n")
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_atomic_write_failure_leaves_original_and_no_temp_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder")
    folder = tmp_path / "ro"
    folder.mkdir()
    f = folder / "a.txt"
    f.write_bytes(b"original\n")
    folder.chmod(0o555)
    try:
        with pytest.raises(io.InputError, match=r"a\.txt: cannot write"):
            io.atomic_write(str(f), b"new\n")
    finally:
        folder.chmod(0o755)
    assert f.read_bytes() == b"original\n"
    assert [p.name for p in folder.iterdir()] == ["a.txt"]


def test_atomic_write_cleans_up_temp_file_when_rename_fails(tmp_path: Path) -> None:
    # the target is a non-empty directory: os.replace fails after the temp file exists
    target = tmp_path / "dir.txt"
    target.mkdir()
    (target / "inside").write_text("x")
    with pytest.raises(io.InputError, match="cannot write"):
        io.atomic_write(str(target), b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.txt"]


# -- JSONL ----------------------------------------------------------------------------


@dataclass
class FakeRemoval:
    """Stands in for newsclean.Removal: what transform_jsonl needs of it."""

    text: str

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text}


@dataclass
class FakeExplanation:
    text: str
    removals: list[FakeRemoval] = field(default_factory=list)


def drop_lines_with_x(value: str) -> FakeExplanation:
    """A stand-in cleaner: removes lines that start with 'X'. The real one is used
    by the command-line tests; here the point is what happens around it."""
    kept = [ln for ln in value.splitlines(keepends=True) if not ln.startswith("X")]
    gone = [FakeRemoval(ln) for ln in value.splitlines(keepends=True) if ln.startswith("X")]
    return FakeExplanation("".join(kept), gone)


def test_split_jsonl_keeps_endings() -> None:
    assert io.split_jsonl('{"a":1}\r\n{"a":2}\n{"a":3}') == [('{"a":1}', "\r\n"), ('{"a":2}', "\n"), ('{"a":3}', "")]


def test_transform_jsonl_rewrites_only_changed_records() -> None:
    lines = [
        '{"id": 1, "text": "Kept.\\nX gone\\n", "meta": {"n": 1.50}}',
        '{"text":"Nothing to do.\\n","id":2}',  # compact, unchanged: must stay byte-identical
        "",
        '{"id": 3, "body": "no text field"}',
        '["not", "an", "object"]',
        '{"id": 4, "text": "Ünïcode X\\nX drop\\n"}',
    ]
    doc = "\r\n".join(lines) + "\r\n"
    out = io.transform_jsonl(doc, "c.jsonl", field="text", explain=drop_lines_with_x)
    new_lines = out.text.split("\r\n")
    assert new_lines[1:5] == lines[1:5]
    assert json.loads(new_lines[0]) == {"id": 1, "text": "Kept.\n", "meta": {"n": 1.5}}
    assert list(json.loads(new_lines[0])) == ["id", "text", "meta"], "key order is kept"
    assert new_lines[5] == '{"id": 4, "text": "Ünïcode X\\n"}', "non-ASCII is written as is"
    assert (out.records, out.changed, out.skipped) == (5, 2, 2)
    assert [n for n, _ in out.reports] == [1, 6]


def test_transform_jsonl_unchanged_document_is_the_same_string() -> None:
    doc = '{"text": "fine"}\n{"text": "also fine"}'
    out = io.transform_jsonl(doc, "c.jsonl", field="text", explain=drop_lines_with_x)
    assert out.text is doc
    assert out.changed == 0


def test_transform_jsonl_removals_field_is_idempotent() -> None:
    doc = '{"text": "Kept.\\nX gone\\n"}\n{"text": "clean\\n"}\n'
    first = io.transform_jsonl(doc, "c.jsonl", field="text", explain=drop_lines_with_x, removals_field="removed")
    recs = [json.loads(line) for line in first.text.splitlines()]
    assert recs[0]["removed"] == [{"text": "X gone\n"}]
    assert recs[1]["removed"] == []
    second = io.transform_jsonl(first.text, "c.jsonl", field="text", explain=drop_lines_with_x, removals_field="removed")
    assert second.text == first.text, "a second run keeps the removals of the first"
    assert second.changed == 0


def test_transform_jsonl_bad_line_costs_only_itself() -> None:
    doc = '{"text": "a\\nX b\\n"}\n{"text": \n{"text": "c\\nX d\\n"}\n'
    out = io.transform_jsonl(doc, "c.jsonl", field="text", explain=drop_lines_with_x)
    assert out.text == '{"text": "a\\n"}\n{"text": \n{"text": "c\\n"}\n'
    assert [(n, why.split(" (")[0]) for n, why in out.errors] == [(2, "invalid JSON")]


def test_gzipped_jsonl_file_round_trip(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl.gz"
    f.write_bytes(gzip.compress(b'{"text": "a\\nX b\\n"}\n'))
    text, bom = io.decode(io.gunzip(io.read_bytes(str(f)), str(f)), str(f))
    out = io.transform_jsonl(text, str(f), field="text", explain=drop_lines_with_x)
    io.atomic_write(str(f), io.regzip(io.encode(out.text, str(f), bom=bom)))
    assert gzip.decompress(f.read_bytes()) == b'{"text": "a\\n"}\n'


@pytest.mark.parametrize(
    ("name", "jsonl", "html", "gz"),
    [
        ("a.txt", False, False, False),
        ("a.jsonl", True, False, False),
        ("A.JSONL.GZ", True, False, True),
        ("a.ndjson", True, False, False),
        ("page.htm", False, True, False),
        ("page.html.gz", False, True, True),
        ("notes.md", False, False, False),
    ],
)
def test_file_kinds_by_name(name: str, jsonl: bool, html: bool, gz: bool) -> None:
    assert (io.is_jsonl_name(name), io.is_html_name(name), io.is_gzip_name(name)) == (jsonl, html, gz)
