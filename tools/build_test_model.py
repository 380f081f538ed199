"""Build a tiny but real Argos Translate package (.argosmodel) for offline tests.

Argos models cannot be downloaded on this machine, so tests need a package that
goes through the same code paths as a real one: a zip holding one top-level
directory with metadata.json, a SentencePiece tokenizer and a CTranslate2
Transformer in model/.

The Transformer is not trained: its weights are constructed so that it *copies*
its input.  Cross-attention compares position codes only, so decoder step t
attends to source token t and writes that token's embedding into a separate part
of the hidden state, which the output projection reads back.  The source gets an
end token appended (add_source_eos), so copying it ends decoding.  The model's
output is therefore the (SentencePiece-normalised) input, which makes order and
pivot checks in tests exact.  Everything is derived from a fixed seed and the
corpus, and the zip has fixed timestamps, so two builds are byte-identical.

Usage: build_test_model.py --from fr --to en --version 1.0 -o OUT.argosmodel
"""
from __future__ import annotations

import argparse
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Sequence

import numpy as np

REPO = Path(__file__).resolve().parent.parent
# The tokenizer learns its pieces from the corpus and from the dossier the tests translate, as a real model's
# does from a large French corpus: about two pieces a word.  On the corpus alone it cut the dossier letter by
# letter (39,000 pieces, up to 700 a sentence), and beam search with replace_unknowns grows with the square
# of the length: the end-to-end test spent 45 s decoding.
DEFAULT_CORPUS = (REPO / "tests" / "data" / "argos" / "corpus.txt", REPO / "source" / "dossier.fr.md")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian"}

TOKEN_DIM = 64  # size of the token-embedding and copied-token regions
POS_FREQS = 16  # position code: [sin, cos, -sin, -cos] per frequency (sums to zero)
MAX_POSITIONS = 1100  # covers CTranslate2's default max_input_length (1024)
# SentencePiece's default, as real models are trained: the rarest characters (€, Â, Ô in the dossier's capitals)
# stay out of the vocabulary, so replace_unknowns puts them back in the end-to-end test too
COVERAGE = 0.9995
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def train_sentencepiece(corpus: Sequence[Path], vocab_size: int) -> bytes:
    """Train a small unigram SentencePiece model.

    Sentences are fed from memory and the model is written to memory, so no
    temporary path ends up inside the model; one thread keeps it deterministic.
    """
    import io

    import sentencepiece as spm

    lines = [line for path in corpus for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=vocab_size,
        model_type="unigram", character_coverage=COVERAGE, hard_vocab_limit=False,
        num_threads=1, minloglevel=2,
    )
    return model.getvalue()


def _unit_rows(rng: np.random.Generator, rows: int, dim: int) -> np.ndarray:
    """Zero-mean unit vectors: LayerNorm then only rescales them by a constant."""
    m = rng.standard_normal((rows, dim))
    m -= m.mean(axis=1, keepdims=True)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def _position_codes(dim_offset: int, d_model: int) -> np.ndarray:
    pos = np.arange(MAX_POSITIONS)[:, None]
    freqs = 1.0 / (10000.0 ** (np.arange(POS_FREQS) / POS_FREQS))
    ang = pos * freqs[None, :]
    code = np.concatenate([np.sin(ang), np.cos(ang), -np.sin(ang), -np.cos(ang)], axis=1)
    out = np.zeros((MAX_POSITIONS, d_model))
    out[:, dim_offset:dim_offset + code.shape[1]] = code
    return out


def _linear(spec, weight: np.ndarray) -> None:
    spec.weight = weight.astype(np.float32)
    spec.bias = np.zeros(weight.shape[0], dtype=np.float32)


def _norm(spec, d: int) -> None:
    spec.gamma = np.ones(d, dtype=np.float32)
    spec.beta = np.zeros(d, dtype=np.float32)


def _zero_layer(layer, d: int, ffn: int) -> None:
    """A layer whose residual contribution is exactly zero (fused QKV; query + fused KV)."""
    shapes = {"self_attention": [3 * d, d], "attention": [d, 2 * d, d]}
    for name, rows in shapes.items():
        att = getattr(layer, name, None)
        if att is None:  # encoder layers have no cross-attention
            continue
        _norm(att.layer_norm, d)
        for lin, n in zip(att.linear, rows):
            _linear(lin, np.zeros((n, d)))
    _norm(layer.ffn.layer_norm, d)
    _linear(layer.ffn.linear_0, np.zeros((ffn, d)))
    _linear(layer.ffn.linear_1, np.zeros((d, ffn)))


def build_spec(vocab: list[str], seed: int):
    """A 1-layer encoder/decoder TransformerSpec whose weights implement copying."""
    from ctranslate2.specs import transformer_spec as ts

    r, p = TOKEN_DIM, 4 * POS_FREQS
    a0, p0, c0 = 0, r, r + p  # token region, position region, copied-token region
    d, ffn = 2 * r + p, 8
    rng = np.random.default_rng(seed)
    emb = np.zeros((len(vocab), d))
    emb[:, a0:a0 + r] = _unit_rows(rng, len(vocab), r)
    positions = _position_codes(p0, d).astype(np.float32)

    encoder = ts.TransformerEncoderSpec(1, 1)
    decoder = ts.TransformerDecoderSpec(1, 1)
    for side in (encoder, decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = positions
        _norm(side.layer_norm, d)
        _zero_layer(side.layer[0], d, ffn)
    encoder.embeddings[0].weight = emb.astype(np.float32)
    decoder.embeddings.weight = emb.astype(np.float32)

    # LayerNorm divides by sigma = sqrt(|x|^2 / d) with |x|^2 = 1 + p/2 (token + position).
    sigma = np.sqrt((1 + p / 2) / d)
    att = decoder.layer[0].attention
    query = np.zeros((d, d))
    query[p0:p0 + p, p0:p0 + p] = 40.0 * np.eye(p)  # sharp attention on equal positions
    key_value = np.zeros((2 * d, d))
    key_value[p0:p0 + p, p0:p0 + p] = np.eye(p)  # keys: position code
    key_value[d + c0:d + c0 + r, a0:a0 + r] = sigma * np.eye(r)  # values: token -> copy region
    out = np.zeros((d, d))
    out[c0:c0 + r, c0:c0 + r] = np.eye(r)
    _linear(att.linear[0], query)
    _linear(att.linear[1], key_value)
    _linear(att.linear[2], out)

    projection = np.zeros((len(vocab), d))
    projection[:, c0:c0 + r] = 20.0 * emb[:, a0:a0 + r]
    _linear(decoder.projection, projection)

    spec = ts.TransformerSpec(encoder, decoder)
    spec.config.add_source_eos = True
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize()  # aliases the shared embeddings/position codes: a smaller model.bin
    return spec


def package_dir_name(src: str, tgt: str, version: str) -> str:
    return f"translate-{src}_{tgt}-{version.replace('.', '_')}"


def write_zip(root: Path, out: Path) -> None:
    """Zip root as its own top-level directory, with fixed timestamps and order."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in [root, *sorted(root.rglob("*"))]:
            name = path.relative_to(root.parent).as_posix()
            if path.is_dir():
                info = zipfile.ZipInfo(name + "/", ZIP_TIME)
                info.external_attr = (0o40755 << 16) | 0x10
                zf.writestr(info, b"")
            else:
                info = zipfile.ZipInfo(name, ZIP_TIME)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())


def build(src: str, tgt: str, version: str, out: Path, corpus: Sequence[Path] = DEFAULT_CORPUS,
          vocab_size: int = 2000, seed: int = 1234) -> Path:
    """Build the package file at out and return its path."""
    import sentencepiece as spm

    metadata = {
        "package_version": version, "argos_version": "1.0",
        "from_code": src, "from_name": LANGUAGE_NAMES.get(src, src),
        "to_code": tgt, "to_name": LANGUAGE_NAMES.get(tgt, tgt),
        "type": "translate", "links": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / package_dir_name(src, tgt, version)
        (root / "model").mkdir(parents=True)
        sp_model = train_sentencepiece(corpus, vocab_size)
        (root / "sentencepiece.model").write_bytes(sp_model)
        sp = spm.SentencePieceProcessor(model_proto=sp_model)
        vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
        build_spec(vocab, seed).save(str(root / "model"))
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n")
        (root / "README.md").write_text(
            f"Tiny {src}->{tgt} test model built by tools/build_test_model.py.\n"
            "It copies its input; it is not a translation model.\n")
        out.parent.mkdir(parents=True, exist_ok=True)
        write_zip(root, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="src", default="fr")
    parser.add_argument("--to", dest="tgt", default="en")
    parser.add_argument("--version", default="1.0")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="text to train the tokenizer on, repeatable (default: the corpus and the dossier)")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    path = build(args.src, args.tgt, args.version, args.output, args.corpus or DEFAULT_CORPUS, seed=args.seed)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
