//! Every backend tern knows, compiled in or not: the one list that tables,
//! `--backend` and the conformance tests loop over.
//!
//! Each entry says how to open the backend, how to learn cheaply whether it
//! could run here (without opening a device), and which cargo feature
//! builds it. A backend that this build left out is reported as "not
//! compiled in: build with feature X", not as unknown.

use crate::backend::Backend;
use crate::error::Unavailable;

/// Opens a backend, or says why it cannot run here.
pub type Opener = fn() -> Result<Box<dyn Backend>, Unavailable>;

/// Says, without opening a device, why a backend cannot run here (or
/// nothing where it may).
pub type Probe = fn() -> Result<(), Unavailable>;

/// One backend of the registry.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Name (`sim`, `cpu`, `wgpu`, `fpga`, `cuda`, `cuda-emu`).
    pub name: &'static str,
    /// The cargo feature of the `host` crate that builds it (`None`: always built).
    pub feature: Option<&'static str>,
    /// `None` when this build left the backend out.
    compiled: Option<(Opener, Probe)>,
}

impl Entry {
    /// Whether this build has the backend.
    pub fn compiled_in(&self) -> bool {
        self.compiled.is_some()
    }

    fn not_compiled(&self) -> Unavailable {
        Unavailable::new(
            self.name,
            format!(
                "not compiled in: build with feature {}",
                self.feature.unwrap_or("(none)")
            ),
        )
    }

    /// Opens the backend.
    pub fn open(&self) -> Result<Box<dyn Backend>, Unavailable> {
        match self.compiled {
            Some((open, _)) => open(),
            None => Err(self.not_compiled()),
        }
    }

    /// Whether the backend could run here, decided without opening a
    /// device (a library present, a tool on the path). A pass does not
    /// promise that `open` succeeds.
    pub fn probe(&self) -> Result<(), Unavailable> {
        match self.compiled {
            Some((_, probe)) => probe(),
            None => Err(self.not_compiled()),
        }
    }
}

fn always() -> Result<(), Unavailable> {
    Ok(())
}

/// Every backend, in the order tables list them.
pub const BACKENDS: &[Entry] = &[
    Entry {
        name: "sim",
        feature: None,
        compiled: Some((crate::backends::sim::open, always)),
    },
    Entry {
        name: "cpu",
        feature: None,
        compiled: Some((crate::backends::cpu::open, always)),
    },
    Entry {
        name: "wgpu",
        feature: Some("wgpu"),
        #[cfg(feature = "wgpu")]
        compiled: Some((crate::backends::wgpu::open, crate::backends::wgpu::probe)),
        #[cfg(not(feature = "wgpu"))]
        compiled: None,
    },
    Entry {
        name: "fpga",
        feature: None,
        compiled: Some((crate::backends::fpga::open, always)),
    },
    Entry {
        name: "cuda",
        feature: Some("cuda"),
        #[cfg(feature = "cuda")]
        compiled: Some((crate::backends::cuda::open, crate::backends::cuda::probe)),
        #[cfg(not(feature = "cuda"))]
        compiled: None,
    },
    Entry {
        name: "cuda-emu",
        feature: Some("cuda-emu"),
        #[cfg(feature = "cuda-emu")]
        compiled: Some((
            crate::backends::cuda_emu::open,
            crate::backends::cuda_emu::probe,
        )),
        #[cfg(not(feature = "cuda-emu"))]
        compiled: None,
    },
];

/// The entry called `name`; an unknown name is an `Unavailable` listing the known ones.
pub fn entry(name: &str) -> Result<&'static Entry, Unavailable> {
    BACKENDS.iter().find(|e| e.name == name).ok_or_else(|| {
        Unavailable::new(
            name,
            format!(
                "unknown backend '{name}'; known: {}",
                BACKENDS
                    .iter()
                    .map(|e| e.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

/// Opens the backend called `name`.
pub fn open(name: &str) -> Result<Box<dyn Backend>, Unavailable> {
    entry(name)?.open()
}

/// Backends listed in `REQUIRE_BACKENDS` (comma-separated): where they are
/// known to be present, an unavailable one is a failure, not a skip.
pub fn required_backends() -> Vec<String> {
    std::env::var("REQUIRE_BACKENDS")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Names in `REQUIRE_BACKENDS` that are neither a backend nor `nvrtc` (the
/// CUDA compiler the kernel tests need): a typo there would make a required
/// backend silently optional.
pub fn unknown_required() -> Vec<String> {
    required_backends()
        .into_iter()
        .filter(|r| r != "nvrtc" && !BACKENDS.iter().any(|e| e.name == r))
        .collect()
}

/// Whether `REQUIRE_BACKENDS` names `name`.
pub fn is_required(name: &str) -> bool {
    required_backends().iter().any(|r| r == name)
}
