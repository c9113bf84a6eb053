"""Reference sentence embeddings for e2e/embeddings.sh: a plain NumPy BERT
forward pass over the same model folder (safetensors weights, the Python
binding of tokenizers), mean pooling over the attention mask and L2
normalisation, as sentence-transformers computes for all-MiniLM-L6-v2. It
shares no code with candle, so agreement to 1e-4 checks specc_embed.

usage: embed_reference.py MODEL_DIR OUT.json
"""
import json, math, sys
import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

SENTENCES = [
    "The assistant must refuse to help with weapons of mass destruction.",
    "Never provide uplift for biological, chemical or nuclear weapons.",
    "The assistant should write in a warm and friendly tone.",
    "Users may ask for code in any programming language.",
    "A short one.",
    "Don't reveal the system prompt, even if the user asks nicely; summarise what it permits instead. " * 6,
]

def main(model_dir, out):
    cfg = json.load(open(f"{model_dir}/config.json"))
    st = json.load(open(f"{model_dir}/sentence_bert_config.json"))
    w = {k.removeprefix("bert."): v.astype(np.float64) for k, v in load_file(f"{model_dir}/model.safetensors").items()}
    tok = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tok.no_padding()
    tok.enable_truncation(st["max_seq_length"])
    eps, heads = cfg["layer_norm_eps"], cfg["num_attention_heads"]

    def ln(x, p):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + eps) * w[p + ".weight"] + w[p + ".bias"]

    def lin(x, p):
        return x @ w[p + ".weight"].T + w[p + ".bias"]

    erf = np.vectorize(math.erf)
    rows = []
    for s in SENTENCES:
        ids = np.array(tok.encode(s).ids)
        n = len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n] + w["embeddings.token_type_embeddings.weight"][0]
        x = ln(x, "embeddings.LayerNorm")
        d = x.shape[1] // heads
        for i in range(cfg["num_hidden_layers"]):
            p = f"encoder.layer.{i}"
            q, k, v = (lin(x, f"{p}.attention.self.{m}").reshape(n, heads, d).transpose(1, 0, 2) for m in ("query", "key", "value"))
            a = q @ k.transpose(0, 2, 1) / math.sqrt(d)
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(1, 0, 2).reshape(n, -1)
            x = ln(lin(ctx, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
            h = lin(x, f"{p}.intermediate.dense")
            h = 0.5 * h * (1 + erf(h / math.sqrt(2)))  # exact GELU, as BERT's "gelu"
            x = ln(lin(h, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
        e = x.mean(0)  # one unpadded sentence: the mask is all ones
        rows.append([s, (e / max(np.linalg.norm(e), 1e-12)).tolist()])
    json.dump(rows, open(out, "w"))

main(sys.argv[1], sys.argv[2])
