//! A whole GGUF model in llama.cpp, through its `llama.h` API: the peer
//! that tern's model runtime is timed and checked against on the same
//! file, in the same process, with the same thread count.
//!
//! Built only with the `llamacpp` feature. llama.cpp quantizes activations
//! per 256-element block (Q8_K) where BitNet quantizes per token, keeps the
//! KV cache in F16 and runs a float softmax; NUMERICS.md §10.9 says what
//! agreement to expect.

use std::ffi::CString;
use std::path::Path;

use llama_cpp_sys_2 as ll;

/// A loaded model and one context (one sequence).
pub struct LlamaModel {
    model: *mut ll::llama_model,
    ctx: *mut ll::llama_context,
    vocab: usize,
    pos: usize,
}

// SAFETY: the model and context are used from one thread at a time (`&mut self`).
unsafe impl Send for LlamaModel {}

unsafe extern "C" fn quiet(
    _: ll::ggml_log_level,
    _: *const std::os::raw::c_char,
    _: *mut std::ffi::c_void,
) {
}

impl LlamaModel {
    /// Loads `path` with a context of `n_ctx` positions on `threads` threads.
    pub fn load(path: &Path, n_ctx: u32, threads: usize) -> Result<Self, String> {
        let c = CString::new(path.to_string_lossy().as_bytes()).map_err(|e| e.to_string())?;
        // SAFETY: plain C calls with default parameter structs; every pointer
        // returned is checked before use and freed in Drop.
        unsafe {
            ll::llama_log_set(Some(quiet), std::ptr::null_mut());
            ll::llama_backend_init();
            let mut mp = ll::llama_model_default_params();
            mp.n_gpu_layers = 0;
            let model = ll::llama_model_load_from_file(c.as_ptr(), mp);
            if model.is_null() {
                return Err(format!("llama.cpp could not load {}", path.display()));
            }
            let mut cp = ll::llama_context_default_params();
            cp.n_ctx = n_ctx;
            cp.n_batch = n_ctx;
            cp.n_ubatch = n_ctx.min(512);
            cp.n_threads = threads as i32;
            cp.n_threads_batch = threads as i32;
            let ctx = ll::llama_init_from_model(model, cp);
            if ctx.is_null() {
                ll::llama_model_free(model);
                return Err("llama.cpp could not create a context".into());
            }
            let vocab = ll::llama_vocab_n_tokens(ll::llama_model_get_vocab(model)).max(0) as usize;
            Ok(Self {
                model,
                ctx,
                vocab,
                pos: 0,
            })
        }
    }

    /// Vocabulary size.
    pub fn vocab(&self) -> usize {
        self.vocab
    }

    /// Forgets the sequence.
    pub fn clear(&mut self) {
        // SAFETY: the context is valid; clearing the memory of a context is always allowed.
        unsafe { ll::llama_memory_clear(ll::llama_get_memory(self.ctx), true) };
        self.pos = 0;
    }

    /// Feeds `tokens` as one batch after the current position; returns the
    /// logits of the last.
    pub fn feed(&mut self, tokens: &[u32]) -> Result<Vec<f32>, String> {
        let mut t: Vec<i32> = tokens.iter().map(|&v| v as i32).collect();
        // SAFETY: the batch borrows `t`, alive across the call; llama_decode
        // copies what it needs; the logits pointer is checked and read for
        // `vocab` floats, the size llama.cpp gives for one row.
        unsafe {
            let batch = ll::llama_batch_get_one(t.as_mut_ptr(), t.len() as i32);
            let rc = ll::llama_decode(self.ctx, batch);
            if rc != 0 {
                return Err(format!("llama_decode returned {rc}"));
            }
            self.pos += tokens.len();
            let p = ll::llama_get_logits_ith(self.ctx, -1);
            if p.is_null() {
                return Err("llama.cpp returned no logits".into());
            }
            Ok(std::slice::from_raw_parts(p, self.vocab).to_vec())
        }
    }
}

impl Drop for LlamaModel {
    fn drop(&mut self) {
        // SAFETY: both were created in `load` and are freed once, context first.
        unsafe {
            ll::llama_free(self.ctx);
            ll::llama_model_free(self.model);
        }
    }
}
