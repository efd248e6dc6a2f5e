"""Credentials are masked, keeping the scheme and the last 4 characters for tracing."""

from __future__ import annotations

from simulators.core.secrets import mask_json, mask_query, mask_secret, mask_text, scrub_headers


def test_mask_secret_keeps_scheme_and_last_four() -> None:
    assert mask_secret("Basic abcdefgh12345678") == "Basic ****5678"
    assert mask_secret("Bearer abcdefghijk") == "Bearer ****hijk"
    assert mask_secret("rawsecretvalue42") == "****ue42"


def test_mask_secret_hides_short_secrets_entirely() -> None:
    assert mask_secret("Basic abc") == "Basic ****"
    assert mask_secret("12345678") == "****"


def test_scrub_headers_lowercases_names() -> None:
    assert scrub_headers([("X-Thing", "V"), ("authorization", "Basic abcdefghijkl")]) == {
        "x-thing": "V",
        "authorization": "Basic ****ijkl",
    }


def test_fields_are_masked_in_queries_json_and_text() -> None:
    fields = frozenset({"password", "accessKey"})
    assert mask_query("user=a&password=supersecret1", fields) == "user=a&password=%2A%2A%2A%2Aret1"
    assert mask_query("user=a", fields) == "user=a"
    assert mask_json({"a": [{"password": "supersecret1"}]}, fields) == {
        "a": [{"password": "****ret1"}]
    }
    assert mask_text('<x:accessKey a="1">abcdefghij</x:accessKey>', fields) == (
        '<x:accessKey a="1">****ghij</x:accessKey>'
    )
    assert mask_text('{"password": "supersecret1"}', fields) == '{"password": "****ret1"}'
