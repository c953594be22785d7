//! Projected FPGA rows: the cycle count a backend reports for an op
//! (`Backend::counters()`, entry `cycles`, from the simulated design) at
//! the Fmax of a synthesis report, as time and throughput. These rows are
//! labelled `projected`: nothing ran on an FPGA.
//!
//! The report is a JSON file (`report.json`, written by `hdl`'s synthesis
//! flow); the first key whose name contains `fmax` gives the clock: a
//! number (in MHz when the key says `mhz` or the value is below 100000,
//! else in Hz) or a string such as `"187.5 MHz"`.

use std::path::{Path, PathBuf};

use super::Row;
use super::workloads::Item;

/// A synthesis report and its Fmax.
#[derive(Debug, Clone)]
pub struct Synth {
    /// The file.
    pub path: PathBuf,
    /// Fmax in Hz.
    pub fmax_hz: f64,
}

fn fmax_in(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Object(map) => {
            for (key, val) in map {
                let k = key.to_ascii_lowercase();
                if k.contains("fmax") {
                    let hz = match val {
                        serde_json::Value::Number(x) => x.as_f64().map(|f| {
                            if k.contains("mhz") || (f < 1e5 && !k.ends_with("_hz")) {
                                f * 1e6
                            } else {
                                f
                            }
                        }),
                        serde_json::Value::String(s) => {
                            let t = s.trim().to_ascii_lowercase();
                            let num: String = t
                                .chars()
                                .take_while(|c| c.is_ascii_digit() || *c == '.')
                                .collect();
                            num.parse::<f64>().ok().map(|f| {
                                if t.contains("mhz") || f < 1e5 {
                                    f * 1e6
                                } else {
                                    f
                                }
                            })
                        }
                        other => fmax_in(other),
                    };
                    if let Some(h) = hz.filter(|h| h.is_finite() && *h > 0.0) {
                        return Some(h);
                    }
                }
            }
            map.values().find_map(fmax_in)
        }
        serde_json::Value::Array(a) => a.iter().find_map(fmax_in),
        _ => None,
    }
}

/// Reads the Fmax of a report file.
pub fn read_report(path: &Path) -> Result<Synth, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let fmax_hz = fmax_in(&v).ok_or_else(|| format!("{}: no Fmax field", path.display()))?;
    Ok(Synth {
        path: path.to_path_buf(),
        fmax_hz,
    })
}

fn newest_report(dir: &Path, best: &mut Option<(std::time::SystemTime, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            newest_report(&p, best);
        } else if p.file_name().is_some_and(|n| n == "report.json")
            && let Ok(t) = e.metadata().and_then(|m| m.modified())
            && best.as_ref().is_none_or(|(bt, _)| t > *bt)
        {
            *best = Some((t, p));
        }
    }
}

/// The report named by `--fpga-report`, else the newest `report.json` under `out/`.
pub fn find_report(explicit: Option<&Path>) -> Result<Synth, String> {
    if let Some(p) = explicit {
        return read_report(p);
    }
    let mut best = None;
    newest_report(Path::new("out"), &mut best);
    match best {
        Some((_, p)) => read_report(&p),
        None => Err("no synthesis report (report.json) found under out/".into()),
    }
}

/// Adds one projected row per reported cycle count; returns the status line.
pub fn project(
    rows: &mut Vec<Row>,
    items: &[Item],
    cycles: &[(usize, String, u64)],
    synth: Result<&Synth, &String>,
) -> String {
    if cycles.is_empty() {
        return "FPGA: no backend reported a cycle count, so there are no projected rows".into();
    }
    let s = match synth {
        Ok(s) => s,
        Err(why) => {
            return format!(
                "FPGA: {} cycle counts reported, but {why}; pass --fpga-report PATH to project them",
                cycles.len()
            );
        }
    };
    for (ii, backend, c) in cycles {
        let item = &items[*ii];
        let Some(measured) = rows.iter().find(|r| {
            r.kind == "measured"
                && r.backend == *backend
                && r.shape == item.shape
                && r.op == item.family
        }) else {
            continue;
        };
        let mut r = measured.clone();
        let t = *c as f64 / s.fmax_hz;
        r.kind = "projected".into();
        r.backend = format!("{backend} (projected)");
        r.median_s = t;
        r.p10_s = t;
        r.p90_s = t;
        r.bytes_per_s = r.weight_bytes as f64 / t;
        r.weights_per_s = r.weights as f64 / t;
        r.roofline = None;
        r.roofline_fraction = None;
        r.speedup = None;
        r.note = format!(
            "projected: {c} cycles at {:.1} MHz ({})",
            s.fmax_hz / 1e6,
            s.path.display()
        );
        rows.push(r);
    }
    format!(
        "FPGA: projected rows use Fmax {:.1} MHz from {}",
        s.fmax_hz / 1e6,
        s.path.display()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fmax_is_found_in_common_spellings() {
        let f = |s: &str| fmax_in(&serde_json::from_str(s).unwrap());
        assert_eq!(f(r#"{"fmax_mhz": 150.5}"#), Some(150.5e6));
        assert_eq!(f(r#"{"timing": {"Fmax": "87.2 MHz"}}"#), Some(87.2e6));
        assert_eq!(f(r#"{"fmax_hz": 1.25e8}"#), Some(1.25e8));
        assert_eq!(
            f(r#"{"designs": [{"name": "gemv", "fmax": 200}]}"#),
            Some(200e6)
        );
        assert_eq!(f(r#"{"luts": 100}"#), None);
    }
}
