//! `--place`: which backend runs each part of a model.
//!
//! A placement is a default backend and rules `PART[:LAYERS]=BACKEND`,
//! comma-separated: `PART` is `attn` (attention or MLGRU projections),
//! `ffn`, `head` (a ternary LM head) or `scores` (delta attention);
//! `LAYERS` is an index or an inclusive range `a-b`; `rest=BACKEND` sets
//! the default. Later rules win. The float stages run on the host.

use sim::model::{Part, Site};

use crate::error::{Error, Result};

/// One rule: projections of `part` (in `layers`, when given) run on `backend`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The part.
    pub part: Part,
    /// Inclusive layer range; `None` for every layer.
    pub layers: Option<(usize, usize)>,
    /// Backend name.
    pub backend: String,
}

/// Backends by part of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Where everything not named runs.
    pub default: String,
    /// Rules for projections, later ones winning.
    pub rules: Vec<Rule>,
    /// Where delta attention's scores run (`None`: the default).
    pub scores: Option<String>,
}

fn bad(spec: &str, reason: impl Into<String>) -> Error {
    Error::input(format!("--place {spec:?}"), reason)
}

impl Placement {
    /// Everything on one backend.
    pub fn single(backend: &str) -> Self {
        Self {
            default: backend.to_string(),
            rules: Vec::new(),
            scores: None,
        }
    }

    /// Parses `spec` over the default `backend`; backend names are checked
    /// against `known`.
    pub fn parse(backend: &str, spec: &str, known: &[&str]) -> Result<Self> {
        let mut p = Self::single(backend);
        let unknown =
            |name: &str| format!("unknown backend {name:?}; backends: {}", known.join(", "));
        if !known.contains(&backend) {
            return Err(Error::input("--backend", unknown(backend)));
        }
        let check = |name: &str| -> Result<String> {
            if known.contains(&name) {
                Ok(name.to_string())
            } else {
                Err(bad(spec, unknown(name)))
            }
        };
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let Some((key, b)) = item.split_once('=') else {
                return Err(bad(spec, format!("{item:?} is not PART=BACKEND")));
            };
            let b = check(b.trim())?;
            let (part, layers) = match key.trim().split_once(':') {
                Some((part, range)) => (part, Some(parse_range(spec, range)?)),
                None => (key.trim(), None),
            };
            let part = match part {
                "attn" => Part::Attn,
                "ffn" => Part::Ffn,
                "head" => Part::Head,
                "scores" | "rest" if layers.is_some() => {
                    return Err(bad(spec, format!("{part:?} takes no layer range")));
                }
                "scores" => {
                    p.scores = Some(b);
                    continue;
                }
                "rest" => {
                    p.default = b;
                    continue;
                }
                other => {
                    return Err(bad(
                        spec,
                        format!("unknown part {other:?}; parts: attn, ffn, head, scores, rest"),
                    ));
                }
            };
            p.rules.push(Rule {
                part,
                layers,
                backend: b,
            });
        }
        Ok(p)
    }

    /// The backend of the projection at `site`.
    pub fn backend_for(&self, site: Site) -> &str {
        self.rules
            .iter()
            .rev()
            .find(|r| {
                r.part == site.part
                    && match (r.layers, site.layer) {
                        (None, _) => true,
                        (Some((a, b)), Some(l)) => (a..=b).contains(&l),
                        (Some(_), None) => false,
                    }
            })
            .map_or(&self.default, |r| &r.backend)
    }

    /// Refuses a rule that names a layer the model does not have (it would
    /// place nothing, silently).
    pub fn check_layers(&self, layers: usize) -> Result<()> {
        for r in &self.rules {
            if let Some((a, b)) = r.layers
                && b >= layers
            {
                let range = if a == b {
                    format!("{a}")
                } else {
                    format!("{a}-{b}")
                };
                return Err(Error::input(
                    format!("--place {}:{range}", r.part.name()),
                    format!(
                        "the model has {layers} layers (0-{})",
                        layers.saturating_sub(1)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Whether some rule for `part` names layers (reports then list layers).
    pub fn splits_layers(&self, part: Part) -> bool {
        self.rules
            .iter()
            .any(|r| r.part == part && r.layers.is_some())
    }

    /// The placement as a `--backend`/`--place` pair would spell it:
    /// `cpu`, or `cpu,ffn=fpga,scores=cpu`.
    pub fn label(&self) -> String {
        let mut s = self.default.clone();
        for r in &self.rules {
            s.push(',');
            s.push_str(r.part.name());
            if let Some((a, b)) = r.layers {
                s.push_str(&if a == b {
                    format!(":{a}")
                } else {
                    format!(":{a}-{b}")
                });
            }
            s.push('=');
            s.push_str(&r.backend);
        }
        if let Some(b) = &self.scores {
            s.push_str(",scores=");
            s.push_str(b);
        }
        s
    }
}

fn parse_range(spec: &str, r: &str) -> Result<(usize, usize)> {
    let num = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| bad(spec, format!("layer {s:?} is not a layer index")))
    };
    let (a, b) = match r.split_once('-') {
        Some((a, b)) => (num(a)?, num(b)?),
        None => (num(r)?, num(r)?),
    };
    if a > b {
        return Err(bad(spec, format!("layer range {a}-{b} is empty")));
    }
    Ok((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: [&str; 3] = ["sim", "cpu", "fpga"];

    fn site(layer: Option<usize>, part: Part) -> Site {
        Site {
            layer,
            part,
            sparse: false,
        }
    }

    #[test]
    fn rules_pick_backends_by_part_and_layer() {
        let p = Placement::parse("cpu", "ffn=fpga, attn:1-2=sim,scores=sim", &KNOWN).unwrap();
        assert_eq!(p.backend_for(site(Some(0), Part::Ffn)), "fpga");
        assert_eq!(p.backend_for(site(Some(0), Part::Attn)), "cpu");
        assert_eq!(p.backend_for(site(Some(2), Part::Attn)), "sim");
        assert_eq!(p.backend_for(site(Some(3), Part::Attn)), "cpu");
        assert_eq!(p.backend_for(site(None, Part::Head)), "cpu");
        assert_eq!(p.scores.as_deref(), Some("sim"));
        assert_eq!(p.label(), "cpu,ffn=fpga,attn:1-2=sim,scores=sim");
        let later = Placement::parse("cpu", "ffn=fpga,ffn:0=sim,rest=sim", &KNOWN).unwrap();
        assert_eq!(later.backend_for(site(Some(0), Part::Ffn)), "sim");
        assert_eq!(later.backend_for(site(Some(1), Part::Ffn)), "fpga");
        assert_eq!(later.default, "sim");
    }

    #[test]
    fn bad_specs_name_what_is_wrong() {
        for (spec, want) in [
            ("ffn", "not PART=BACKEND"),
            ("ffn=tpu", "unknown backend \"tpu\""),
            ("mlp=cpu", "unknown part \"mlp\""),
            ("ffn:3-1=cpu", "empty"),
            ("ffn:x=cpu", "not a layer index"),
            ("scores:1=cpu", "takes no layer range"),
        ] {
            let e = Placement::parse("cpu", spec, &KNOWN)
                .unwrap_err()
                .to_string();
            assert!(e.contains(want), "{spec}: {e}");
        }
        assert!(Placement::parse("gpu", "", &KNOWN).is_err());
    }

    #[test]
    fn a_layer_past_the_models_last_is_refused() {
        let p = Placement::parse("cpu", "ffn:1=fpga,attn:0-2=sim", &KNOWN).unwrap();
        let e = p.check_layers(2).unwrap_err();
        assert!(e.is_input());
        let e = e.to_string();
        assert!(
            e.contains("--place attn:0-2") && e.contains("has 2 layers (0-1)"),
            "{e}"
        );
        assert!(p.check_layers(3).is_ok());
        assert!(
            Placement::parse("cpu", "ffn=fpga", &KNOWN)
                .unwrap()
                .check_layers(0)
                .is_ok()
        );
    }
}
