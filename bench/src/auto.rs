//! `tern run --backend auto`: the backend that the latest saved `tern bench`
//! results show fastest for the op and shape at hand, among the backends
//! available now; `cpu` (else `sim`) when no saved result covers the op.
//!
//! Results are searched in `out/bench/` (where `tern bench` saves by
//! default) and `bench/results/` (runs committed with the repository); the
//! newest report by start time wins. A shape not in the report takes the
//! nearest measured shape of the same op (by weight count).

use std::path::{Path, PathBuf};

use super::Report;
use super::workloads::Family;
use host::ops::Op;

/// Folders searched for saved results.
pub const RESULT_DIRS: [&str; 2] = ["out/bench", "bench/results"];
/// The backend chosen when no saved result decides.
pub const DEFAULT: &str = "cpu";

/// A choice and the reason, for the user.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Backend name.
    pub backend: String,
    /// Which file and row decided, or why the default was taken.
    pub why: String,
}

/// The newest saved report under `dirs`.
pub fn latest_report(dirs: &[&str]) -> Option<(PathBuf, Report)> {
    let mut best: Option<(PathBuf, Report)> = None;
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let Some(r) = std::fs::read_to_string(&p)
                .ok()
                .and_then(|t| serde_json::from_str::<Report>(&t).ok())
            else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|(_, b)| r.started_unix > b.started_unix)
            {
                best = Some((p, r));
            }
        }
    }
    best
}

fn family_of(op: &Op) -> Option<(Family, usize, usize, usize)> {
    match *op {
        Op::Gemm { m, k, n, .. } | Op::BitLinear { m, k, n, .. } => {
            Some((if m == 1 { Family::Gemv } else { Family::Gemm }, m, k, n))
        }
        Op::SparseGemv { k, n, .. } => Some((Family::Wina, 1, k, n)),
        Op::TealGemv { k, n, .. } => Some((Family::Teal, 1, k, n)),
        Op::AttentionDecode { ref attn, pos, .. } => {
            Some((Family::AttnDecode, attn.heads, attn.head_dim, pos + 1))
        }
        _ => None,
    }
}

/// Chooses from `report` among `available` backends.
pub fn choose_in(op: &Op, path: &Path, report: &Report, available: &[String]) -> Option<Choice> {
    let (fam, m, k, n) = family_of(op)?;
    let size = |mm: usize, kk: usize, nn: usize| ((mm.max(1) * kk.max(1) * nn.max(1)) as f64).ln();
    let target = size(m, k, n);
    let rows: Vec<_> = report
        .rows
        .iter()
        .filter(|r| {
            r.kind == "measured"
                && r.op == fam
                && r.median_s.is_finite()
                && available.contains(&r.backend)
        })
        .collect();
    let nearest = rows
        .iter()
        .map(|r| (size(r.m, r.k, r.n) - target).abs())
        .fold(f64::INFINITY, f64::min);
    let best = rows
        .iter()
        .filter(|r| (size(r.m, r.k, r.n) - target).abs() <= nearest + 1e-9)
        .min_by(|a, b| a.median_s.total_cmp(&b.median_s))?;
    let exact = best.k == k && best.n == n && best.m == m;
    Some(Choice {
        backend: best.backend.clone(),
        why: format!(
            "auto: chose {} for {} ({}): fastest in {} on {} {} ({:.1} us){}",
            best.backend,
            op.kind(),
            op.shape_label(),
            path.display(),
            best.op.name(),
            best.shape,
            best.median_s * 1e6,
            if exact {
                ""
            } else {
                ", the nearest measured shape"
            }
        ),
    })
}

/// Chooses a backend for `op` from the latest saved results, or the default.
pub fn choose(op: &Op) -> Choice {
    // The cheap probe, not `open`: choosing must not start every device.
    let available: Vec<String> = host::registry::BACKENDS
        .iter()
        .filter(|e| e.probe().is_ok())
        .map(|e| e.name.to_string())
        .collect();
    let fallback = if available.iter().any(|b| b == DEFAULT) {
        DEFAULT
    } else {
        "sim"
    };
    match latest_report(&RESULT_DIRS) {
        Some((path, report)) => choose_in(op, &path, &report, &available).unwrap_or_else(|| Choice {
            backend: fallback.into(),
            why: format!("auto: {} has no row for {} on an available backend; using the default, {fallback}", path.display(), op.kind()),
        }),
        None => Choice {
            backend: fallback.into(),
            why: format!("auto: no saved tern bench results in {}; using the default, {fallback}", RESULT_DIRS.join(" or ")),
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{Machine, Row};
    use host::ops::ScaleKind;

    fn row(op: Family, k: usize, n: usize, backend: &str, median_s: f64) -> Row {
        Row {
            op,
            shape: format!("{n}x{k}"),
            m: 1,
            k,
            n,
            backend: backend.into(),
            kind: "measured".into(),
            median_s,
            p10_s: median_s,
            p90_s: median_s,
            reps: 1,
            weight_bytes: 1,
            weights: 1,
            bytes_per_s: 1.0,
            weights_per_s: 1.0,
            roofline: None,
            roofline_fraction: None,
            sparsity: None,
            speedup: None,
            implied_speedup: None,
            note: String::new(),
        }
    }

    fn report(rows: Vec<Row>) -> Report {
        let machine = Machine {
            cpu: "test".into(),
            cpus: 1,
            load_before: String::new(),
            load_after: String::new(),
            llc_bytes: 0,
        };
        Report {
            tern_bench: 1,
            started_unix: 1,
            machine,
            host_read_bps: 1.0,
            device_copy_bps: vec![],
            device_copy_kind: vec![],
            skipped: vec![],
            fpga: String::new(),
            rows,
        }
    }

    #[test]
    fn picks_the_fastest_available_backend_for_the_nearest_shape() {
        let r = report(vec![
            row(Family::Gemv, 2560, 2560, "cpu", 3e-4),
            row(Family::Gemv, 2560, 2560, "wgpu", 1e-4),
            row(Family::Gemv, 2560, 6912, "cpu", 5e-4),
            row(Family::Gemv, 2560, 6912, "wgpu", 9e-4),
        ]);
        let avail = |b: &[&str]| b.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let gemv = |k, n| Op::Gemm {
            m: 1,
            k,
            n,
            scale: ScaleKind::PerTensor,
        };
        let p = Path::new("r.json");
        assert_eq!(
            choose_in(&gemv(2560, 2560), p, &r, &avail(&["cpu", "wgpu"]))
                .unwrap()
                .backend,
            "wgpu"
        );
        assert_eq!(
            choose_in(&gemv(2560, 6912), p, &r, &avail(&["cpu", "wgpu"]))
                .unwrap()
                .backend,
            "cpu"
        );
        // wgpu not available here: the fastest available one.
        assert_eq!(
            choose_in(&gemv(2560, 2560), p, &r, &avail(&["cpu"]))
                .unwrap()
                .backend,
            "cpu"
        );
        // An unmeasured shape takes the nearest measured one, and says so.
        let c = choose_in(&gemv(2560, 7000), p, &r, &avail(&["cpu", "wgpu"])).unwrap();
        assert_eq!(c.backend, "cpu");
        assert!(c.why.contains("nearest"), "{}", c.why);
        // No row for the op: no choice from this report.
        assert!(choose_in(&Op::Quantize { m: 1, k: 8 }, p, &r, &avail(&["cpu"])).is_none());
    }
}
