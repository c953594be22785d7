//! Text to token ids and back with Hugging Face's `tokenizers` crate: the
//! `tokenizer.json` beside a model folder, or a GGUF vocabulary rebuilt as
//! a tokenizer when it is byte-level BPE (`tokenizer.ggml.model = gpt2`,
//! with its merges). Other GGUF vocabularies (SentencePiece's `llama`)
//! only turn ids back into text, by their token strings.

use std::path::Path;

use formats::model::GgufVocab;
use host::Error;
use tokenizers::decoders::byte_level::ByteLevel as ByteLevelDecoder;
use tokenizers::models::bpe::{BPE, Vocab};
use tokenizers::pre_tokenizers::byte_level::ByteLevel;

/// A model's tokenizer.
pub enum Tokenizer {
    /// Encodes and decodes.
    Full {
        /// The tokenizer.
        tok: Box<tokenizers::Tokenizer>,
        /// A token to put first (GGUF `add_bos_token`); `tokenizer.json`
        /// adds its own through its post-processor.
        bos: Option<u32>,
    },
    /// Decodes only, by the vocabulary's strings.
    Strings(Vec<String>),
}

fn bad(what: &str, reason: impl std::fmt::Display) -> anyhow::Error {
    Error::input(what, reason.to_string()).into()
}

impl Tokenizer {
    /// The tokenizer of a loaded model, if it has one.
    pub fn of(
        json: Option<&Path>,
        gguf: Option<GgufVocab>,
        bos: Option<u32>,
    ) -> anyhow::Result<Option<Self>> {
        if let Some(p) = json {
            let what = p.display().to_string();
            let bytes = super::model_args::read_capped(&what, p, 256 << 20)?;
            let tok = tokenizers::Tokenizer::from_bytes(&bytes).map_err(|e| bad(&what, e))?;
            return Ok(Some(Self::Full {
                tok: Box::new(tok),
                bos: None,
            }));
        }
        let Some(v) = gguf else { return Ok(None) };
        match (v.model.as_str(), v.merges) {
            ("gpt2", Some(merges)) => {
                let vocab: Vocab = v
                    .tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.clone(), i as u32))
                    .collect();
                let merges = merges
                    .iter()
                    .map(|m| {
                        m.split_once(' ')
                            .map(|(a, b)| (a.to_string(), b.to_string()))
                            .ok_or_else(|| {
                                bad("tokenizer.ggml.merges", format!("{m:?} is not a pair"))
                            })
                    })
                    .collect::<anyhow::Result<Vec<_>>>()?;
                let bpe = BPE::builder()
                    .vocab_and_merges(vocab, merges)
                    .build()
                    .map_err(|e| bad("tokenizer.ggml.merges", e))?;
                let mut tok = tokenizers::Tokenizer::new(bpe);
                tok.with_pre_tokenizer(Some(ByteLevel::new(false, true, true)));
                tok.with_decoder(Some(ByteLevelDecoder::default()));
                Ok(Some(Self::Full {
                    tok: Box::new(tok),
                    bos: bos.filter(|_| v.add_bos),
                }))
            }
            _ => Ok(Some(Self::Strings(v.tokens))),
        }
    }

    /// Token ids of `text`.
    pub fn encode(&self, text: &str) -> anyhow::Result<Vec<u32>> {
        match self {
            Self::Full { tok, bos } => {
                let enc = tok.encode(text, true).map_err(|e| bad("--prompt", e))?;
                Ok(bos
                    .iter()
                    .copied()
                    .chain(enc.get_ids().iter().copied())
                    .collect())
            }
            Self::Strings(_) => Err(bad(
                "--prompt",
                "this model's vocabulary (a SentencePiece GGUF vocabulary) only decodes here: give --tokens",
            )),
        }
    }

    /// Text of `ids`.
    pub fn decode(&self, ids: &[u32]) -> String {
        match self {
            Self::Full { tok, .. } => tok.decode(ids, false).unwrap_or_default(),
            Self::Strings(v) => ids
                .iter()
                .filter_map(|&t| v.get(t as usize))
                .map(|s| s.replace(['\u{2581}', '\u{120}'], " "))
                .collect(),
        }
    }
}
