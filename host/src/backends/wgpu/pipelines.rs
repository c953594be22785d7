//! The compute entry points of the WGSL kernels and their pipeline cache.
//!
//! Each shader module is compiled once, on the first op that needs it, and
//! each pipeline is created once and kept for the backend's lifetime: no op
//! compiles a shader twice. Pipelines use the layout wgpu derives from the
//! entry point, so a dispatch binds exactly the bindings the entry point
//! uses (`Entry::bindings`).

use std::collections::HashMap;

use kernels::Wgsl;

/// One compute entry point of one WGSL file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    /// `quantize.wgsl` `row_stats`.
    QuantStats,
    /// `quantize.wgsl` `codes`.
    QuantCodes,
    /// `quantize.wgsl` `div127_check`.
    Div127,
    /// `gemm.wgsl` `gemm`.
    Gemm,
    /// `wina_select.wgsl` `select_top_k`.
    WinaSelect,
    /// `sparse_gemv.wgsl` `accumulate`.
    SparseAccumulate,
    /// `sparse_gemv.wgsl` `finalize`.
    SparseFinalize,
    /// `attention.wgsl` `prefill_qhat`.
    PrefillQhat,
    /// `attention.wgsl` `prefill_rows`.
    PrefillRows,
    /// `attention.wgsl` `decode`.
    Decode,
}

impl Entry {
    /// The file and the entry point's name.
    pub fn source(self) -> (Wgsl, &'static str) {
        match self {
            Self::QuantStats => (Wgsl::Quantize, "row_stats"),
            Self::QuantCodes => (Wgsl::Quantize, "codes"),
            Self::Div127 => (Wgsl::Quantize, "div127_check"),
            Self::Gemm => (Wgsl::Gemm, "gemm"),
            Self::WinaSelect => (Wgsl::WinaSelect, "select_top_k"),
            Self::SparseAccumulate => (Wgsl::SparseGemv, "accumulate"),
            Self::SparseFinalize => (Wgsl::SparseGemv, "finalize"),
            Self::PrefillQhat => (Wgsl::Attention, "prefill_qhat"),
            Self::PrefillRows => (Wgsl::Attention, "prefill_rows"),
            Self::Decode => (Wgsl::Attention, "decode"),
        }
    }

    /// The binding numbers the entry point uses, as its file's header lists them.
    pub fn bindings(self) -> &'static [u32] {
        match self {
            Self::QuantStats => &[0, 1, 2, 3, 4],
            Self::QuantCodes => &[0, 1, 2, 4, 5],
            Self::Div127 => &[0, 1, 4],
            Self::Gemm => &[0, 1, 2, 3, 4, 5, 6],
            Self::WinaSelect => &[0, 1, 2, 3],
            Self::SparseAccumulate => &[0, 1, 2, 3, 4],
            Self::SparseFinalize => &[0, 4, 5, 6, 7],
            Self::PrefillQhat => &[0, 1, 4, 7, 8],
            Self::PrefillRows => &[0, 1, 2, 3, 4, 5, 6, 9],
            Self::Decode => &[0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11],
        }
    }
}

/// Shader modules and pipelines, created on first use and kept.
#[derive(Default)]
pub struct Cache {
    modules: HashMap<Wgsl, wgpu::ShaderModule>,
    pipelines: HashMap<Entry, (wgpu::ComputePipeline, wgpu::BindGroupLayout)>,
}

impl Cache {
    /// The pipeline of `entry` and its bind group layout.
    pub fn get(
        &mut self,
        device: &wgpu::Device,
        entry: Entry,
    ) -> &(wgpu::ComputePipeline, wgpu::BindGroupLayout) {
        let (file, name) = entry.source();
        let Self { modules, pipelines } = self;
        pipelines.entry(entry).or_insert_with(|| {
            let module = modules.entry(file).or_insert_with(|| {
                let src = file.source();
                device.create_shader_module(wgpu::ShaderModuleDescriptor {
                    label: Some(src.file),
                    source: wgpu::ShaderSource::Wgsl(file.module_text().into()),
                })
            });
            let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
                label: Some(name),
                layout: None,
                module,
                entry_point: Some(name),
                compilation_options: wgpu::PipelineCompilationOptions::default(),
                cache: None,
            });
            let layout = pipeline.get_bind_group_layout(0);
            (pipeline, layout)
        })
    }

    /// Number of pipelines created so far.
    pub fn len(&self) -> usize {
        self.pipelines.len()
    }
}
