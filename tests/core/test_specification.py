"""A spec is read by connexion once per content, and validated once per content and libraries."""

from __future__ import annotations

import copy
import pathlib

import pytest
from connexion.exceptions import InvalidSpecification
from connexion.spec import OpenAPISpecification, Specification

from simulators.core import specification as module
from simulators.core.openapi import load_spec
from simulators.core.registry import SPECS_DIR
from simulators.core.specification import specification, specification_file

ADMIN = SPECS_DIR / "admin" / "openapi.yaml"
BACKMARKET = SPECS_DIR / "backmarket" / "openapi.yaml"


@pytest.fixture
def validations(monkeypatch, tmp_path):
    """A fresh cache folder and process cache; counts connexion's validations."""
    monkeypatch.setenv("CHANSIM_CACHE_DIR", str(tmp_path / "cache"))
    module._read.cache_clear()
    module._file_reading.cache_clear()
    seen: list[object] = []
    real = OpenAPISpecification._validate_spec.__func__

    def counting(cls, spec):
        seen.append(spec)
        return real(cls, spec)

    monkeypatch.setattr(OpenAPISpecification, "_validate_spec", classmethod(counting))
    yield seen
    module._read.cache_clear()
    module._file_reading.cache_clear()


def test_one_reading_per_content_in_a_process(validations):
    first = specification(load_spec(BACKMARKET))
    assert specification(load_spec(BACKMARKET)) is first
    assert specification_file(ADMIN) is specification_file(ADMIN)
    assert specification(load_spec(ADMIN)) is specification_file(ADMIN)
    assert len(validations) == 2


def test_a_later_process_skips_the_validation_of_the_same_content(validations, tmp_path):
    validated = specification(load_spec(BACKMARKET))
    assert len(validations) == 1
    assert len(list((tmp_path / "cache" / "validated-specs").iterdir())) == 1
    module._read.cache_clear()  # as a new process would start
    remembered = specification(load_spec(BACKMARKET))
    assert remembered is not validated
    assert len(validations) == 1
    assert isinstance(remembered, OpenAPISpecification)
    assert remembered.raw == validated.raw
    assert remembered.spec == validated.spec
    assert remembered.base_path == validated.base_path


def test_the_reading_is_connexions_own(validations):
    spec = load_spec(BACKMARKET)
    ours = specification(spec)
    theirs = Specification.load(copy.deepcopy(spec))
    assert type(theirs) is OpenAPISpecification
    assert ours.raw == theirs.raw
    assert ours.spec == theirs.spec


def test_changed_content_is_validated_again(validations):
    spec = load_spec(BACKMARKET)
    specification(spec)
    changed = copy.deepcopy(spec)
    changed["info"]["title"] = "Back Market, changed"
    module._read.cache_clear()
    specification(changed)
    assert len(validations) == 2


def test_an_invalid_spec_is_refused_every_time_and_never_remembered(validations, tmp_path):
    spec = load_spec(BACKMARKET)
    spec["paths"]["/ws/orders"]["get"]["responses"] = "not a mapping"
    for _ in range(2):
        module._read.cache_clear()
        with pytest.raises(InvalidSpecification):
            specification(spec)
    assert len(validations) == 2
    assert not (tmp_path / "cache" / "validated-specs").exists()


def test_an_unwritable_cache_costs_a_validation_per_process(validations, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("CHANSIM_CACHE_DIR", str(blocker))
    for _ in range(2):
        module._read.cache_clear()
        assert specification(load_spec(BACKMARKET)).raw["openapi"].startswith("3.")
    assert len(validations) == 2


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("CHANSIM_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert module.cache_dir() == tmp_path / "chansim"
    monkeypatch.setenv("CHANSIM_CACHE_DIR", str(tmp_path / "mine"))
    assert module.cache_dir() == tmp_path / "mine"


def test_without_a_home_folder_every_process_validates(validations, monkeypatch):
    monkeypatch.delenv("CHANSIM_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> object:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(pathlib.Path, "home", no_home)
    assert module.cache_dir() is None
    for _ in range(2):
        module._read.cache_clear()
        assert specification(load_spec(BACKMARKET)).raw["openapi"].startswith("3.")
    assert len(validations) == 2


def test_a_cache_folder_that_cannot_be_entered_costs_a_validation(validations, monkeypatch):
    def refused(self: pathlib.Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "is_file", refused)  # (root could enter a chmod 000 one)
    for _ in range(2):
        module._read.cache_clear()
        assert specification(load_spec(BACKMARKET)).raw["openapi"].startswith("3.")
    assert len(validations) == 2
