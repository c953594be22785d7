//! Views of a `tern bench` report: the table for the terminal, CSV, and an
//! SVG chart (weight throughput per backend and shape against the measured
//! read bandwidth, and roofline fractions), written by hand so the chart
//! needs no plotting or font library.

use std::fmt::Write;

use super::{Report, Row};

fn gb(x: f64) -> String {
    if x > 0.0 {
        format!("{:.2}", x / 1e9)
    } else {
        "-".into()
    }
}

fn opt(x: Option<f64>, f: impl Fn(f64) -> String) -> String {
    x.map_or("-".into(), f)
}

fn time(s: f64) -> String {
    if !s.is_finite() {
        "-".into()
    } else if s < 1e-3 {
        format!("{:.1}us", s * 1e6)
    } else {
        format!("{:.3}ms", s * 1e3)
    }
}

/// The table printed by `tern bench`.
pub fn table(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "machine: {} ({} threads, LLC {} MiB); load before {} / after {}",
        r.machine.cpu,
        r.machine.cpus,
        r.machine.llc_bytes >> 20,
        r.machine.load_before,
        r.machine.load_after
    );
    let _ = writeln!(o, "host read bandwidth: {} GB/s", gb(r.host_read_bps));
    for (b, bw) in &r.device_copy_bps {
        // Results written before device copies have no kind: uploads.
        let device = r
            .device_copy_kind
            .iter()
            .any(|(k, kind)| k == b && kind == crate::roofline::CopyKind::Device.label());
        let how = if device {
            "device to device, read + written"
        } else {
            "upload from the host"
        };
        let _ = writeln!(o, "{b} copy bandwidth ({how}): {} GB/s", gb(*bw));
    }
    let _ = writeln!(
        o,
        "{:<12} {:<30} {:<22} {:>10} {:>7} {:>7} {:>8} {:>6} {:>6} {:>8} {:>8}  note",
        "op",
        "shape",
        "backend",
        "median",
        "spread",
        "GB/s",
        "Gw/s",
        "%roof",
        "sparse",
        "speedup",
        "implied"
    );
    for row in &r.rows {
        let spread = if row.median_s.is_finite() && row.median_s > 0.0 {
            format!("{:.0}%", 100.0 * (row.p90_s - row.p10_s) / row.median_s)
        } else {
            "-".into()
        };
        let _ = writeln!(
            o,
            "{:<12} {:<30} {:<22} {:>10} {:>7} {:>7} {:>8} {:>6} {:>6} {:>8} {:>8}  {}",
            row.op.name(),
            row.shape,
            row.backend,
            time(row.median_s),
            spread,
            gb(row.bytes_per_s),
            if row.weights_per_s > 0.0 {
                format!("{:.1}", row.weights_per_s / 1e9)
            } else {
                "-".into()
            },
            opt(row.roofline_fraction, |f| format!("{:.0}%", 100.0 * f)),
            opt(row.sparsity, |s| format!("{:.2}", s)),
            opt(row.speedup, |s| format!("{s:.2}x")),
            opt(row.implied_speedup, |s| format!("{s:.2}x")),
            row.note
        );
    }
    for (b, why) in &r.skipped {
        let _ = writeln!(o, "SKIPPED {b}: {why}");
    }
    let _ = writeln!(o, "{}", r.fpga);
    let _ = writeln!(
        o,
        "GB/s: weight bytes (2-bit packing) per second; Gw/s: weight uses (m*n*k, or kept*n) per second; %roof: GB/s over the row's roofline; spread: (p90-p10)/median"
    );
    o
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One line per row.
pub fn csv(r: &Report) -> String {
    let mut o = String::from(
        "op,shape,backend,kind,median_s,p10_s,p90_s,reps,weight_bytes,weights,bytes_per_s,weights_per_s,roofline,roofline_bps,roofline_fraction,sparsity,speedup,implied_speedup,note\n",
    );
    let f = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:e}"));
    for row in &r.rows {
        let _ = writeln!(
            o,
            "{},{},{},{},{:e},{:e},{:e},{},{},{},{:e},{:e},{},{},{},{},{},{},{}",
            row.op.name(),
            csv_field(&row.shape),
            csv_field(&row.backend),
            row.kind,
            row.median_s,
            row.p10_s,
            row.p90_s,
            row.reps,
            row.weight_bytes,
            row.weights,
            row.bytes_per_s,
            row.weights_per_s,
            row.roofline.as_ref().map_or("", |r| r.0.as_str()),
            f(row.roofline.as_ref().map(|r| r.1)),
            f(row.roofline_fraction),
            f(row.sparsity),
            f(row.speedup),
            f(row.implied_speedup),
            csv_field(&row.note)
        );
    }
    o
}

const COLORS: [&str; 8] = [
    "#4472c4", "#ed7d31", "#70ad47", "#a5a5a5", "#ffc000", "#5b9bd5", "#9e480e", "#264478",
];

pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One bar panel: groups along x, one bar per series; an optional horizontal line.
#[allow(clippy::too_many_arguments)] // the panel's layout, labels and data, each used once
pub(crate) fn panel(
    o: &mut String,
    top: f64,
    title: &str,
    unit: &str,
    groups: &[String],
    series: &[String],
    value: &dyn Fn(usize, usize) -> Option<f64>,
    line: Option<(f64, String)>,
) {
    let (left, width, height) = (70.0, 1100.0, 260.0);
    let mut max = line.as_ref().map_or(0.0, |l| l.0);
    for g in 0..groups.len() {
        for s in 0..series.len() {
            max = f64::max(max, value(g, s).unwrap_or(0.0));
        }
    }
    let max = if max > 0.0 { max * 1.1 } else { 1.0 };
    let y = |v: f64| top + height - v / max * height;
    let _ = writeln!(
        o,
        r#"<text x="{left}" y="{}" font-size="15" font-weight="bold">{}</text>"#,
        top - 10.0,
        esc(title)
    );
    let _ = writeln!(
        o,
        r#"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="black"/>"#,
        top + height,
        left + width,
        top + height
    );
    let _ = writeln!(
        o,
        r#"<line x1="{left}" y1="{top}" x2="{left}" y2="{}" stroke="black"/>"#,
        top + height
    );
    for i in 0..=4 {
        let v = max * i as f64 / 4.0;
        let _ = writeln!(
            o,
            r#"<text x="{}" y="{}" font-size="11" text-anchor="end">{:.2} {unit}</text>"#,
            left - 4.0,
            y(v) + 4.0,
            v
        );
    }
    let gw = width / groups.len().max(1) as f64;
    let bw = (gw * 0.8) / series.len().max(1) as f64;
    for (g, name) in groups.iter().enumerate() {
        let gx = left + g as f64 * gw + gw * 0.1;
        for s in 0..series.len() {
            if let Some(v) = value(g, s) {
                let _ = writeln!(
                    o,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}: {v:.3}</title></rect>"#,
                    gx + s as f64 * bw,
                    y(v),
                    bw * 0.95,
                    top + height - y(v),
                    COLORS[s % COLORS.len()],
                    esc(&series[s])
                );
            }
        }
        let _ = writeln!(
            o,
            r#"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
            gx + gw * 0.4,
            top + height + 14.0,
            esc(name)
        );
    }
    if let Some((v, label)) = line {
        let _ = writeln!(
            o,
            r#"<line x1="{left}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="red" stroke-dasharray="6 4"/>"#,
            y(v),
            left + width
        );
        let _ = writeln!(
            o,
            r#"<text x="{}" y="{:.1}" font-size="11" fill="red" text-anchor="end">{}</text>"#,
            left + width,
            y(v) - 4.0,
            esc(&label)
        );
    }
    for (s, name) in series.iter().enumerate() {
        let lx = left + 10.0 + s as f64 * 170.0;
        let _ = writeln!(
            o,
            r#"<rect x="{lx}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>"#,
            top + 4.0,
            COLORS[s % COLORS.len()],
            lx + 14.0,
            top + 13.0,
            esc(name)
        );
    }
}

/// The chart: weight GB/s, roofline fraction, and sparse/attention speed-ups.
pub fn svg(r: &Report) -> String {
    let measured: Vec<&Row> = r.rows.iter().filter(|x| x.kind != "skipped").collect();
    let with_bytes: Vec<&Row> = measured
        .iter()
        .copied()
        .filter(|x| x.weight_bytes > 0)
        .collect();
    let mut groups: Vec<String> = Vec::new();
    let mut series: Vec<String> = Vec::new();
    for x in &with_bytes {
        let g = format!("{} {}", x.op.name(), x.shape);
        if !groups.contains(&g) {
            groups.push(g);
        }
        if !series.contains(&x.backend) {
            series.push(x.backend.clone());
        }
    }
    let find = |g: usize, s: usize| {
        with_bytes
            .iter()
            .find(|x| format!("{} {}", x.op.name(), x.shape) == groups[g] && x.backend == series[s])
            .copied()
    };
    let mut sp_groups: Vec<String> = Vec::new();
    let mut sp_series: Vec<String> = Vec::new();
    for x in measured.iter().filter(|x| x.speedup.is_some()) {
        let g = format!("{} {}", x.op.name(), x.shape);
        if !sp_groups.contains(&g) {
            sp_groups.push(g);
        }
        for name in [x.backend.clone(), format!("{} (implied)", x.backend)] {
            if !sp_series.contains(&name) {
                sp_series.push(name);
            }
        }
    }
    let sp = |g: usize, s: usize| {
        let name = &sp_series[s];
        let (backend, implied) = match name.strip_suffix(" (implied)") {
            Some(b) => (b, true),
            None => (name.as_str(), false),
        };
        measured
            .iter()
            .find(|x| {
                format!("{} {}", x.op.name(), x.shape) == sp_groups[g] && x.backend == backend
            })
            .and_then(|x| {
                if implied {
                    x.implied_speedup
                } else {
                    x.speedup
                }
            })
    };
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1060" font-family="sans-serif">"#
    );
    let _ = writeln!(o, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        o,
        r#"<text x="20" y="24" font-size="16">tern bench on {} ({} threads), load {}</text>"#,
        esc(&r.machine.cpu),
        r.machine.cpus,
        esc(&r.machine.load_before)
    );
    panel(
        &mut o,
        70.0,
        "Weight throughput (GB/s of 2-bit weights)",
        "GB/s",
        &groups,
        &series,
        &|g, s| find(g, s).map(|x| x.bytes_per_s / 1e9),
        Some((
            r.host_read_bps / 1e9,
            format!("host read bandwidth {:.1} GB/s", r.host_read_bps / 1e9),
        )),
    );
    panel(
        &mut o,
        420.0,
        "Fraction of roofline",
        "",
        &groups,
        &series,
        &|g, s| find(g, s).and_then(|x| x.roofline_fraction),
        Some((1.0, "roofline".into())),
    );
    panel(
        &mut o,
        770.0,
        "Speed-up over dense, measured and implied by sparsity",
        "x",
        &sp_groups,
        &sp_series,
        &sp,
        Some((1.0, "dense".into())),
    );
    o.push_str("</svg>\n");
    o
}
